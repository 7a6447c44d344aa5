extern crate tokio;

use std::fs;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

// ANCHOR: waits
/// Each wait lasts this long, so this is also the ideal time for all of them at once.
pub const WAIT: Duration = Duration::from_millis(100);

/// `count` tokio tasks that each sleep for `WAIT` from the moment they first run,
/// as `asyncio.sleep` does; returns how long spawning them all took.
pub async fn tokio_waits(count: usize) -> Duration {
    let started = Instant::now();
    let tasks: Vec<_> = (0..count)
        .map(|_| tokio::spawn(async { tokio::time::sleep(WAIT).await }))
        .collect();
    let starting = started.elapsed();
    for task in tasks {
        task.await.unwrap();
    }
    starting
}

/// What starting one OS thread per wait came to.
#[derive(Debug)]
pub struct ThreadWaits {
    /// How long the loop that starts the threads took.
    pub starting: Duration,
    /// The most waits under way at once: early threads may be done before the last start.
    pub most_alive: usize,
    /// Why not every thread could be started, if one could not.
    pub error: Option<String>,
}

/// `count` threads that each sleep for `WAIT`; all are joined before it returns.
pub fn thread_waits(count: usize) -> ThreadWaits {
    let finished = AtomicUsize::new(0);
    let wait = || {
        thread::sleep(WAIT);
        finished.fetch_add(1, Ordering::Relaxed);
    };
    let started = Instant::now();
    thread::scope(|scope| {
        let (mut most_alive, mut error) = (0, None);
        for spawned in 0..count {
            // `Builder` reports a failure to start; `scope.spawn` would panic.
            if let Err(e) = thread::Builder::new().spawn_scoped(scope, wait) {
                error = Some(format!("{e} (after {spawned} threads)"));
                break;
            }
            most_alive = most_alive.max(spawned + 1 - finished.load(Ordering::Relaxed));
        }
        let starting = started.elapsed();
        ThreadWaits {
            starting,
            most_alive,
            error,
        }
    }) // the scope joins every thread here
}
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

fn main() {
    // On tokio's paused clock the runtime skips each sleep, so 1,000 waits of 100 ms
    // at once take exactly 100 ms of virtual time.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build()
        .unwrap();
    let elapsed = runtime.block_on(async {
        let started = tokio::time::Instant::now();
        tokio_waits(1_000).await;
        started.elapsed()
    });
    assert_eq!(elapsed, WAIT);

    let waited = thread_waits(10);
    assert!(waited.error.is_none());
    assert!((1..=10).contains(&waited.most_alive));

    let status = "Name:\tmain\nVmPeak:\t  12000 kB\nVmHWM:\t    5124 kB\nVmRSS:\t 5000 kB\n";
    assert_eq!(parse_peak_kib(status), Some(5_124));
    assert!(peak_kib().is_some_and(|kib| kib > 0));
}
