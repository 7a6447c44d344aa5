extern crate tokio;
extern crate tokio_util;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::task::JoinSet;
use tokio::time::{interval, sleep};
use tokio_util::sync::CancellationToken;

// ANCHOR: shutdown
/// A worker that does a unit of work every 100 ms until asked to stop, then flushes
/// what it has done. Returns how many units it completed.
pub async fn worker(id: usize, stop: CancellationToken, flushed: Arc<Mutex<Vec<usize>>>) -> u32 {
    let mut ticks = interval(Duration::from_millis(100));
    let mut done = 0;
    loop {
        tokio::select! {
            _ = stop.cancelled() => break,
            _ = ticks.tick() => done += 1, // stands in for real work
        }
    }
    flushed.lock().unwrap().push(id); // the async cleanup that `Drop` cannot do
    done
}

/// Starts `workers`, lets them run for `run_for`, then stops them all and waits.
pub async fn run_then_shut_down(workers: usize, run_for: Duration) -> (Vec<u32>, Vec<usize>) {
    let stop = CancellationToken::new();
    let flushed = Arc::new(Mutex::new(Vec::new()));
    let mut group = JoinSet::new();
    for id in 0..workers {
        group.spawn(worker(id, stop.child_token(), Arc::clone(&flushed)));
    }
    sleep(run_for).await;
    stop.cancel(); // every child token sees it
    let mut work = Vec::new();
    while let Some(done) = group.join_next().await {
        work.push(done.unwrap());
    }
    let mut flushed = flushed.lock().unwrap().clone();
    flushed.sort_unstable();
    (work, flushed)
}

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let (work, flushed) = run_then_shut_down(3, Duration::from_millis(450)).await;
    assert_eq!(
        flushed,
        [0, 1, 2],
        "every worker flushed before shutdown finished"
    );
    assert!(work.iter().all(|&units| units == 5), "{work:?}"); // ticks at 0, 100, ..., 400 ms
}
// ANCHOR_END: shutdown
