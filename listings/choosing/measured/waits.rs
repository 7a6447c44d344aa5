extern crate futures;
extern crate tokio;

use std::fs;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use futures::StreamExt;
use futures::stream::FuturesUnordered;

// ANCHOR: waits
/// Each wait lasts this long, so this is also the ideal time for all of them at once.
pub const WAIT: Duration = Duration::from_millis(100);

/// What starting `count` waits came to.
#[derive(Debug)]
pub struct Waited {
    /// How long the loop that starts the waits took.
    pub starting: Duration,
    /// The most waits sleeping at once: early ones may end before the last one starts.
    pub most_alive: usize,
    /// How many waits ran to their end.
    pub finished: usize,
    /// Why not every wait could be started, if one could not.
    pub error: Option<String>,
}

/// Counts the waits sleeping now, the most at once, and those finished.
#[derive(Default)]
struct Sleepers {
    now: AtomicUsize,
    most: AtomicUsize,
    finished: AtomicUsize,
}

impl Sleepers {
    fn sleep_started(&self) {
        let now = self.now.fetch_add(1, Ordering::Relaxed) + 1;
        self.most.fetch_max(now, Ordering::Relaxed);
    }

    fn sleep_ended(&self) {
        self.now.fetch_sub(1, Ordering::Relaxed);
        self.finished.fetch_add(1, Ordering::Relaxed);
    }

    fn waited(&self, starting: Duration, error: Option<String>) -> Waited {
        let most_alive = self.most.load(Ordering::Relaxed);
        let finished = self.finished.load(Ordering::Relaxed);
        Waited {
            starting,
            most_alive,
            finished,
            error,
        }
    }
}

// ANCHOR: tokio_waits
/// `count` tokio tasks that each sleep for `WAIT` from the moment they first run,
/// as `asyncio.sleep` does.
pub async fn tokio_waits(count: usize) -> Waited {
    let sleepers = Arc::new(Sleepers::default());
    let started = Instant::now();
    let tasks: Vec<_> = (0..count)
        .map(|_| {
            let sleepers = Arc::clone(&sleepers);
            tokio::spawn(async move {
                sleepers.sleep_started();
                tokio::time::sleep(WAIT).await;
                sleepers.sleep_ended();
            })
        })
        .collect();
    let starting = started.elapsed();
    for task in tasks {
        task.await.unwrap();
    }
    sleepers.waited(starting, None)
}

/// `count` futures that each sleep for `WAIT` from their first poll, all polled by the
/// one task that awaits this: concurrent waits without a task each, as `join!` and
/// `join_all` do for a handful.
pub async fn tokio_futures(count: usize) -> Waited {
    let sleepers = Sleepers::default();
    let started = Instant::now();
    let mut waits: FuturesUnordered<_> = (0..count)
        .map(|_| async {
            sleepers.sleep_started();
            tokio::time::sleep(WAIT).await;
            sleepers.sleep_ended();
        })
        .collect();
    let starting = started.elapsed();
    while waits.next().await.is_some() {}
    drop(waits);
    sleepers.waited(starting, None)
}

/// `count` threads that each sleep for `WAIT`; all are joined before it returns.
pub fn thread_waits(count: usize) -> Waited {
    let sleepers = Sleepers::default();
    let wait = || {
        sleepers.sleep_started();
        thread::sleep(WAIT);
        sleepers.sleep_ended();
    };
    let started = Instant::now();
    let (starting, error) = thread::scope(|scope| {
        for spawned in 0..count {
            // `Builder` reports a failure to start; `scope.spawn` would panic.
            if let Err(e) = thread::Builder::new().spawn_scoped(scope, wait) {
                return (
                    started.elapsed(),
                    Some(format!("{e} (after {spawned} threads)")),
                );
            }
        }
        (started.elapsed(), None)
    }); // the scope joins every thread before it returns
    sleepers.waited(starting, error)
}
// ANCHOR_END: tokio_waits
// ANCHOR_END: waits

// ANCHOR: peak
/// This process's peak resident memory in KiB: the `VmHWM` ("high-water mark")
/// line that Linux keeps in `/proc/self/status`.
pub fn peak_kib() -> Option<u64> {
    parse_peak_kib(&fs::read_to_string("/proc/self/status").ok()?)
}

/// The number in a line like `VmHWM:     5124 kB`.
pub fn parse_peak_kib(status: &str) -> Option<u64> {
    let line = status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))?;
    line.trim().strip_suffix("kB")?.trim().parse().ok()
}
// ANCHOR_END: peak

/// How much virtual time `waits` took, and what it reported.
async fn timed(waits: impl Future<Output = Waited>) -> (Duration, Waited) {
    let started = tokio::time::Instant::now();
    let waited = waits.await;
    (started.elapsed(), waited)
}

fn main() {
    // On tokio's paused clock the runtime skips each sleep, so 1,000 waits of 100 ms
    // at once take exactly 100 ms of virtual time. One thread runs every task or
    // future, and starting them takes no virtual time, so each starts its sleep before
    // any sleep ends: all 1,000 sleep at once.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build()
        .unwrap();
    let tasks = runtime.block_on(timed(tokio_waits(1_000)));
    let futures = runtime.block_on(timed(tokio_futures(1_000)));
    for (elapsed, waited) in [tasks, futures] {
        assert_eq!(elapsed, WAIT);
        assert_eq!((waited.most_alive, waited.finished), (1_000, 1_000));
    }

    let waited = thread_waits(10);
    assert!(waited.error.is_none());
    assert_eq!(waited.finished, 10);
    assert!((1..=10).contains(&waited.most_alive));

    let status = "Name:\tmain\nVmPeak:\t  12000 kB\nVmHWM:\t    5124 kB\nVmRSS:\t 5000 kB\n";
    assert_eq!(parse_peak_kib(status), Some(5_124));
    assert!(peak_kib().is_some_and(|kib| kib > 0));
}
