extern crate listings;
extern crate tokio;

use std::hint::black_box;
use std::sync::mpsc;
use std::thread;
use std::time::Instant;

use listings::foundations::workloads::cpu_bound::count_primes;
use listings::measure::{METHOD, Samples, Table, apart, interleaved, interleaved_timed, spread};

// ANCHOR: bench
/// A job: its name, how many times a run repeats it, and the run, given that count.
type Job<'a> = (&'a str, u64, &'a dyn Fn(u64));

fn main() {
    // A thread spawned and joined.
    let spawn_and_join = |n: u64| (0..n).for_each(|_| thread::spawn(|| ()).join().unwrap());
    // A message to another thread, and its answer back.
    let (send, receive) = mpsc::channel::<u64>();
    let (answer, answered) = mpsc::channel();
    thread::spawn(move || receive.iter().for_each(|n| answer.send(n).unwrap()));
    let round_trips = |n: u64| {
        for i in 0..n {
            send.send(i).unwrap();
            answered.recv().unwrap();
        }
    };
    // Computing: Chapter 2's prime count, on one thread.
    let count = |n: u64| (0..n).for_each(|_| _ = black_box(count_primes(black_box(170_000))));
    // A tokio task spawned and awaited, on a current-thread runtime built beforehand.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let spawn_task = |n: u64| {
        runtime.block_on(async {
            for _ in 0..n {
                tokio::spawn(async {}).await.unwrap();
            }
        })
    };
    let jobs: [Job; 4] = [
        ("a thread spawned and joined", 1_000, &spawn_and_join),
        ("a round trip over two mpsc channels", 1_000, &round_trips),
        ("the primes below 170,000, counted", 1, &count),
        ("a tokio task spawned and awaited", 10_000, &spawn_task),
    ];

    let title = "The same code as two ways of one interleaved run";
    let columns = [
        "job, time of one",
        "copy A",
        "copy B",
        "medians apart",
        "ranges overlap",
    ];
    let mut table = Table::new("noise", title, &columns, METHOD);
    for (name, count, run) in jobs {
        // Two copies of one job take turns, as two ways of a comparison would.
        let times = interleaved(2, |_copy| run(count));
        let (a, b) = (times[0].each(count), times[1].each(count));
        let overlap = match a.overlaps(&b) {
            true => "yes",
            false => "no",
        };
        table.row(&[&name, &spread(&a), &spread(&b), &apart(&a, &b), &overlap]);
    }
    table.print();
    where_threads_start();
}
// ANCHOR_END: bench

// ANCHOR: placement
// The C library's call, declared as on Linux (std links the C library).
unsafe extern "C" {
    fn sched_getcpu() -> i32;
}

/// The CPU the calling thread is running on.
fn current_cpu() -> i32 {
    // SAFETY: it only reads which CPU the calling thread is on.
    unsafe { sched_getcpu() }
}

/// Starts and joins `count` threads, one after another, and returns how many of them
/// ran on the CPU of the thread that started them.
fn start_threads(count: u32) -> u32 {
    let mut on_same_cpu = 0;
    for _ in 0..count {
        let here = current_cpu();
        let there = thread::spawn(current_cpu).join().unwrap();
        on_same_cpu += u32::from(here == there);
    }
    on_same_cpu
}

/// The same thousand thread starts, right after a thousand others, and after the
/// pause that comes before every timed run.
fn where_threads_start() {
    let mut on_same_cpu = [Vec::new(), Vec::new()];
    let times = interleaved_timed(2, |way| {
        if way == 0 {
            start_threads(1_000);
        }
        let started = Instant::now();
        on_same_cpu[way].push(start_threads(1_000) as f64 / 1_000.0);
        started.elapsed()
    });
    let title = "A thread spawned and joined, where the new thread ran";
    let columns = [
        "started",
        "time of one",
        "new threads on the starting thread's CPU",
    ];
    let mut table = Table::new("placement", title, &columns, METHOD);
    let ways = [
        "right after 1,000 others",
        "after the pause before every run",
    ];
    for (way, name) in ways.iter().enumerate() {
        // The first share is the warm-up round's, which is not timed either.
        let shares = Samples::new(on_same_cpu[way][1..].to_vec());
        let share = format!(
            "{:.0}% ({:.0}–{:.0})",
            shares.median() * 100.0,
            shares.fastest() * 100.0,
            shares.slowest() * 100.0
        );
        table.row(&[name, &spread(&times[way].each(1_000)), &share]);
    }
    table.print();
}
// ANCHOR_END: placement
