extern crate listings;
extern crate rayon;
extern crate tokio;

use std::hint::black_box;
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Barrier, mpsc};
use std::thread;
use std::time::{Duration, Instant};

use listings::choosing::decisions::boundaries::{
    Rounds, ServerRun, compute, in_slices, on_blocking_pool, on_rayon,
};
use listings::choosing::measured::report::run_child;
use listings::choosing::measured::waits::peak_kib;
use listings::measure::{METHOD, Samples, Table, interleaved, interleaved_timed, separated};
use listings::measure::{speedup, spread};
use rayon::prelude::*;
use tokio::runtime::{Builder, Runtime};

// ANCHOR: bench
/// How long waiters stay parked before they are released: long enough for the last
/// one to reach its wait.
const SETTLE: Duration = Duration::from_millis(20);

/// The ticker's period, and the computing each request needs.
const TICK: Duration = Duration::from_millis(1);
const REQUEST_WORK: Duration = Duration::from_millis(1);

/// Requests in one run of the steady server: one arrives every `TICK`, so they need
/// half of two cores.
const STEADY_REQUESTS: usize = 200;

/// Requests that arrive together in one run of the burst.
const BURST_REQUESTS: usize = 100;

/// The memory-bound job reads this many bytes: several times the largest cache.
const ARRAY_BYTES: usize = 1 << 30;

// -- Table 1: waiters parked in a blocking wait, or awaiting -------------------------

/// What one child measured: its peak memory growth while the waiters were parked, and
/// the time from releasing them all to the last one running.
struct Parked {
    grown_kib: u64,
    last_woken: Duration,
}

/// `count` threads, each blocked on a channel of its own until the main thread sends.
fn parked_threads(count: usize) -> Parked {
    let before = peak_kib().expect("no VmHWM");
    let arrived = Arc::new(Barrier::new(count + 1));
    let mut release = Vec::with_capacity(count);
    let mut waiters = Vec::with_capacity(count);
    for _ in 0..count {
        let (send, receive) = mpsc::channel::<()>();
        release.push(send);
        let arrived = Arc::clone(&arrived);
        waiters.push(thread::spawn(move || {
            arrived.wait();
            receive.recv().unwrap();
            Instant::now()
        }));
    }
    arrived.wait();
    thread::sleep(SETTLE);
    let grown_kib = peak_kib().expect("no VmHWM") - before;
    let released = Instant::now();
    for send in &release {
        send.send(()).unwrap();
    }
    let woke = waiters.into_iter().map(|waiter| waiter.join().unwrap());
    let last_woken = woke.max().unwrap() - released;
    Parked {
        grown_kib,
        last_woken,
    }
}

/// `count` tasks on the default runtime, each awaiting a `oneshot` of its own.
fn parked_tasks(count: usize) -> Parked {
    let runtime = Runtime::new().unwrap();
    let before = peak_kib().expect("no VmHWM");
    runtime.block_on(async {
        let arrived = Arc::new(tokio::sync::Barrier::new(count + 1));
        let mut release = Vec::with_capacity(count);
        let mut waiters = Vec::with_capacity(count);
        for _ in 0..count {
            let (send, receive) = tokio::sync::oneshot::channel::<()>();
            release.push(send);
            let arrived = Arc::clone(&arrived);
            waiters.push(tokio::spawn(async move {
                arrived.wait().await;
                receive.await.unwrap();
                Instant::now()
            }));
        }
        arrived.wait().await;
        tokio::time::sleep(SETTLE).await;
        let grown_kib = peak_kib().expect("no VmHWM") - before;
        let released = Instant::now();
        for send in release {
            send.send(()).unwrap();
        }
        let mut last = released;
        for waiter in waiters {
            last = last.max(waiter.await.unwrap());
        }
        Parked {
            grown_kib,
            last_woken: last - released,
        }
    })
}

/// The child: one case in a process of its own, so that the peak memory is its own.
fn child(how: &str, count: usize) {
    let parked = match how {
        "threads" => parked_threads(count),
        "tasks" => parked_tasks(count),
        _ => panic!("unknown case {how}"),
    };
    println!("grown_kib {}", parked.grown_kib);
    println!("last_woken {}", parked.last_woken.as_secs_f64());
}

/// Kibibytes per waiter, as the median with the fewest and most of the runs.
fn per_waiter(kib: &Samples) -> String {
    let digits = match kib.median() {
        m if m < 10.0 => 2,
        m if m < 100.0 => 1,
        _ => 0,
    };
    let (median, least, most) = (kib.median(), kib.fastest(), kib.slowest());
    format!("{median:.digits$} KiB ({least:.digits$}–{most:.digits$})")
}

fn waits_table() {
    let mut cases = Vec::new();
    for count in [100, 1_000, 10_000] {
        cases.push(("threads", "a thread blocked on a channel", count));
        cases.push(("tasks", "a task awaiting a `oneshot`", count));
    }
    let mut memory = Rounds::new(cases.len());
    let woken = interleaved_timed(cases.len(), |case| {
        let (how, _, count) = cases[case];
        eprintln!("waits: {how} {count} ...");
        let mut command = Command::new(std::env::current_exe().unwrap());
        command.args(["--child", how, &count.to_string()]);
        let report = run_child(&mut command).unwrap();
        let kib = report.number("grown_kib").expect("a peak");
        memory.record(case, kib as f64 / count as f64);
        report.seconds("last_woken").expect("a wake-up time")
    });
    let memory = memory.timed();
    let mut table = Table::new(
        "waits",
        "Waiters parked at once, then all released; each run in a process of its own",
        &[
            "waiters",
            "each waiter is",
            "peak memory per waiter",
            "release to last one running",
            "per waiter",
        ],
        "median of 10 interleaved runs (fastest–slowest); memory from VmHWM",
    );
    for (case, &(_, name, count)) in cases.iter().enumerate() {
        let kib = per_waiter(&Samples::new(memory[case].clone()));
        let each = spread(&woken[case].each(count as u64));
        table.row(&[
            &separated(count as u64),
            &name,
            &kib,
            &spread(&woken[case]),
            &each,
        ]);
    }
    table.print();
}

// -- Table 2: computing inside an async server ---------------------------------------

/// Where a request's computing runs.
#[derive(Clone, Copy)]
enum Handler {
    /// On the async worker, in slices of this many steps with an `.await` between.
    Slices(u64),
    Rayon,
    BlockingPool,
}

/// Runs a ticker that wants to fire every `TICK` beside `requests` requests, one
/// arriving every `gap` (all at once if `gap` is zero), on two async workers.
fn serve(handler: Handler, steps: u64, requests: usize, gap: Duration) -> ServerRun {
    let runtime = Builder::new_multi_thread()
        .worker_threads(2)
        .enable_time()
        .build()
        .unwrap();
    runtime.block_on(async {
        let done = Arc::new(AtomicBool::new(false));
        let ticker = tokio::spawn({
            let done = Arc::clone(&done);
            async move {
                let mut interval = tokio::time::interval(TICK);
                let mut lateness = Vec::new();
                while !done.load(Ordering::Relaxed) {
                    let due = interval.tick().await.into_std();
                    lateness.push(Instant::now() - due);
                }
                lateness
            }
        });
        let mut arrivals = tokio::time::interval(gap.max(Duration::from_nanos(1)));
        let mut answers = Vec::with_capacity(requests);
        for _ in 0..requests {
            let arrived = match gap.is_zero() {
                true => Instant::now(),
                false => arrivals.tick().await.into_std(),
            };
            answers.push(tokio::spawn(async move {
                black_box(match handler {
                    Handler::Slices(slice) => in_slices(steps / slice, slice).await,
                    Handler::Rayon => on_rayon(1, steps).await,
                    Handler::BlockingPool => on_blocking_pool(1, steps).await,
                });
                arrived.elapsed()
            }));
        }
        let mut latency = Vec::with_capacity(requests);
        for answer in answers {
            latency.push(answer.await.unwrap());
        }
        done.store(true, Ordering::Relaxed);
        let lateness = ticker.await.unwrap();
        ServerRun { lateness, latency }
    })
}

/// How many steps of `compute` take `work` on this machine: the best of three
/// timings of a long run.
fn steps_for(work: Duration) -> u64 {
    const STEPS: u64 = 20_000_000;
    let took = (0..3)
        .map(|_| {
            let started = Instant::now();
            black_box(compute(0, STEPS));
            started.elapsed()
        })
        .min()
        .unwrap();
    (STEPS as f64 * work.as_secs_f64() / took.as_secs_f64()) as u64
}

/// A table of server runs: one row per way, the four figures of each with spread.
fn server_table(
    anchor: &'static str,
    title: &str,
    ways: &[(&str, Handler)],
    run: impl Fn(Handler) -> ServerRun,
) {
    let mut rounds = Rounds::new(ways.len());
    interleaved(ways.len(), |way| {
        rounds.record(way, run(ways[way].1).figures())
    });
    let rounds = rounds.timed();
    let mut columns = vec!["requests' computing"];
    columns.extend(ServerRun::FIGURES);
    let mut table = Table::new(anchor, title, &columns, METHOD);
    for (way, (name, _)) in ways.iter().enumerate() {
        let figure = |i: usize| {
            let seconds = rounds[way].iter().map(|f| f[i].as_secs_f64()).collect();
            spread(&Samples::new(seconds))
        };
        table.row(&[name, &figure(0), &figure(1), &figure(2), &figure(3)]);
    }
    table.print();
}

fn server_tables() {
    let steps = steps_for(REQUEST_WORK);
    let per_micro = steps / REQUEST_WORK.as_micros() as u64;
    let slices = [
        (
            "in 10 µs slices between `.await`s",
            Handler::Slices(10 * per_micro),
        ),
        (
            "in 100 µs slices between `.await`s",
            Handler::Slices(100 * per_micro),
        ),
        ("in one stretch, no `.await`", Handler::Slices(steps)),
    ];
    let (tick, work) = (TICK.as_millis(), REQUEST_WORK.as_millis());
    let (tick, work) = (format!("{tick} ms"), format!("{work} ms"));
    let beside = format!("on 2 async workers, beside a ticker due every {tick}");
    eprintln!("steady server ...");
    server_table(
        "steady",
        &format!("A request every {tick}, each needing {work} of computing, {beside}"),
        &slices,
        |handler| serve(handler, steps, STEADY_REQUESTS, TICK),
    );
    let offloads = [
        (
            "on the async workers, in one stretch",
            Handler::Slices(steps),
        ),
        ("on rayon, answer through a `oneshot`", Handler::Rayon),
        ("`spawn_blocking`", Handler::BlockingPool),
    ];
    eprintln!("burst ...");
    server_table(
        "burst",
        &format!("{BURST_REQUESTS} requests at once, each needing {work} of computing, {beside}"),
        &offloads,
        |handler| serve(handler, steps, BURST_REQUESTS, Duration::ZERO),
    );
}

// -- Table 3: splitting a memory-bound job, and a compute-bound one ------------------

/// What a job does with each item.
type Work = fn(u64) -> u64;

/// A way of splitting a job over `items`, where `work` is what each item needs.
type Split = (&'static str, fn(&[u64], Work) -> u64);

fn add(sum: u64, x: u64) -> u64 {
    sum.wrapping_add(x)
}

fn sequential(items: &[u64], work: Work) -> u64 {
    items.iter().map(|&x| work(x)).fold(0, add)
}

fn chunks_on_threads(items: &[u64], chunk: usize, work: Work) -> u64 {
    thread::scope(|scope| {
        let parts: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(move || sequential(part, work)))
            .collect();
        parts.into_iter().map(|p| p.join().unwrap()).fold(0, add)
    })
}

fn rayon_jobs_of(items: &[u64], len: usize, work: Work) -> u64 {
    items
        .par_chunks(len)
        .with_max_len(1) // every chunk a rayon job of its own
        .map(|part| sequential(part, work))
        .reduce(|| 0, add)
}

const SPLITS: [Split; 6] = [
    ("sequential", sequential),
    ("one chunk per core", |items, work| {
        let cores = thread::available_parallelism().map_or(1, |n| n.get());
        chunks_on_threads(items, items.len().div_ceil(cores), work)
    }),
    ("rayon `par_iter`", |items, work| {
        items.par_iter().map(|&x| work(x)).reduce(|| 0, add)
    }),
    ("a rayon job per 4,096 items", |items, work| {
        rayon_jobs_of(items, 4_096, work)
    }),
    ("a rayon job per 64 items", |items, work| {
        rayon_jobs_of(items, 64, work)
    }),
    (
        "a thread per 131,072 items (1,024 threads)",
        |items, work| chunks_on_threads(items, 131_072, work),
    ),
];

fn splits_table() {
    eprintln!("filling {} bytes ...", separated(ARRAY_BYTES as u64));
    let items: Vec<u64> = (0..(ARRAY_BYTES / 8) as u64).collect();
    let jobs: [(&str, Work); 2] = [
        ("memory-bound", |x| x),
        ("compute-bound", |x| compute(x, 8)),
    ];
    let mut times = Vec::new();
    for (name, work) in jobs {
        eprintln!("splits: {name} ...");
        let expected = sequential(&items, work);
        times.push(interleaved(SPLITS.len(), |split| {
            assert_eq!((SPLITS[split].1)(black_box(&items), work), expected);
        }));
    }
    let title = format!(
        "The same splits of two jobs over {} items ({} bytes): adding each item \
         (memory-bound), and 8 dependent steps of arithmetic per item (compute-bound)",
        separated(items.len() as u64),
        separated(ARRAY_BYTES as u64)
    );
    let headers = [
        "split",
        "memory-bound",
        "ratio to sequential",
        "compute-bound",
        "ratio to sequential",
    ];
    let mut table = Table::new("splits", title, &headers, METHOD);
    for (split, (name, _)) in SPLITS.iter().enumerate() {
        let [memory, computing] = [&times[0], &times[1]];
        let ratio = |times: &[Samples]| match split {
            0 => "—".to_owned(),
            _ => speedup(&times[split], &times[0]),
        };
        table.row(&[
            name,
            &spread(&memory[split]),
            &ratio(memory),
            &spread(&computing[split]),
            &ratio(computing),
        ]);
    }
    table.print();
}

fn main() {
    let mut args = std::env::args().skip(1);
    if args.next().as_deref() == Some("--child") {
        let how = args.next().expect("--child threads|tasks COUNT");
        let count = args.next().and_then(|n| n.parse().ok()).expect("COUNT");
        return child(&how, count);
    }
    waits_table();
    server_tables();
    splits_table();
}
// ANCHOR_END: bench
