extern crate listings;
extern crate tokio;

use std::hint::black_box;
use std::process::Command;
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use listings::foundations::workloads::cpu_bound::count_primes;
use listings::measure::{METHOD, Samples, Table, apart, interleaved, interleaved_timed, spread};

// ANCHOR: bench
/// A job: its name, how many times a run repeats it, and the run, given that count.
type Job<'a> = (&'a str, u64, &'a dyn Fn(u64));

fn main() {
    let mut args = std::env::args().skip(1);
    if args.next().as_deref() == Some("--start-threads") {
        return start_threads_after(args.next().unwrap().parse().unwrap());
    }
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

/// The same thousand thread starts in a program that has just started, and in one
/// that first idles for 50 ms: each a fresh run of this program (`--start-threads`),
/// which prints its time and the share of new threads on the starting thread's CPU.
fn where_threads_start() {
    let this_program = std::env::current_exe().unwrap();
    let pauses = [0, 50];
    let mut on_same_cpu = [Vec::new(), Vec::new()];
    let times = interleaved_timed(pauses.len(), |way| {
        let out = Command::new(&this_program)
            .args(["--start-threads", &pauses[way].to_string()])
            .output()
            .unwrap();
        let out = String::from_utf8(out.stdout).unwrap();
        let (seconds, share) = out.trim().split_once(' ').unwrap();
        on_same_cpu[way].push(share.parse::<f64>().unwrap());
        Duration::from_secs_f64(seconds.parse().unwrap())
    });
    let title = "A thread spawned and joined, where the new thread ran";
    let columns = [
        "the program",
        "time of one",
        "new threads on the starting thread's CPU",
    ];
    let mut table = Table::new("placement", title, &columns, METHOD);
    let ways = ["starts them at once", "idles 50 ms first"];
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

/// The child: idles `pause` milliseconds, then starts a thousand threads; prints the
/// time of all of them in seconds and the share that ran on this thread's CPU.
fn start_threads_after(pause: u64) {
    thread::sleep(Duration::from_millis(pause));
    let started = Instant::now();
    let on_same_cpu = start_threads(1_000);
    let seconds = started.elapsed().as_secs_f64();
    println!("{seconds} {}", on_same_cpu as f64 / 1_000.0);
}
// ANCHOR_END: placement
