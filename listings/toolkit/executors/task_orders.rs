extern crate futures;
extern crate tokio;

use std::time::Duration;

use futures::stream::{FuturesUnordered, StreamExt};
use tokio::task::JoinSet;
use tokio::time::{Instant, sleep};

// ANCHOR: orders
/// A job that works for `secs` seconds and returns its index.
pub async fn job(index: usize, secs: u64) -> usize {
    sleep(Duration::from_secs(secs)).await;
    index
}

/// What the caller saw: each job's index, and when (since the start) its result
/// reached the caller.
pub type Arrivals = Vec<(usize, Duration)>;

/// Submission order: spawn every job, then await the handles in the order given.
pub async fn handles_in_order(secs: &[u64]) -> Arrivals {
    let start = Instant::now();
    let handles: Vec<_> = secs
        .iter()
        .enumerate()
        .map(|(i, &s)| tokio::spawn(job(i, s)))
        .collect();
    let mut arrivals = Vec::new();
    for handle in handles {
        let index = handle.await.expect("job panicked");
        arrivals.push((index, start.elapsed()));
    }
    arrivals
}

/// Completion order with spawned tasks: `join_next` returns whichever finishes next.
pub async fn join_set(secs: &[u64]) -> Arrivals {
    let start = Instant::now();
    let mut tasks = JoinSet::new();
    for (i, &s) in secs.iter().enumerate() {
        tasks.spawn(job(i, s));
    }
    let mut arrivals = Vec::new();
    while let Some(finished) = tasks.join_next().await {
        arrivals.push((finished.expect("job panicked"), start.elapsed()));
    }
    arrivals
}

/// Completion order without spawning: the futures are polled inside this task.
pub async fn futures_unordered(secs: &[u64]) -> Arrivals {
    let start = Instant::now();
    let mut pending: FuturesUnordered<_> =
        secs.iter().enumerate().map(|(i, &s)| job(i, s)).collect();
    let mut arrivals = Vec::new();
    while let Some(index) = pending.next().await {
        arrivals.push((index, start.elapsed()));
    }
    arrivals
}
// ANCHOR_END: orders

// ANCHOR: main
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let s = Duration::from_secs;
    // Job 0 takes 5 s; the others take 1, 2 and 3 s.
    let secs = [5, 1, 2, 3];

    let ordered = [(0, s(5)), (1, s(5)), (2, s(5)), (3, s(5))];
    assert_eq!(handles_in_order(&secs).await, ordered);

    let as_they_finish = [(1, s(1)), (2, s(2)), (3, s(3)), (0, s(5))];
    assert_eq!(join_set(&secs).await, as_they_finish);
    assert_eq!(futures_unordered(&secs).await, as_they_finish);
}
// ANCHOR_END: main
