extern crate tokio;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::Barrier;
use tokio::time::{Instant, sleep};

// ANCHOR: barrier
/// Each task spends `secs[i]` computing its part, adds it to the total, then waits at
/// the barrier; after it, every task reads the total. Returns, per task, the total
/// it read and whether it was the leader.
pub async fn sum_in_two_phases(secs: Vec<u64>) -> Vec<(u64, bool)> {
    let barrier = Arc::new(Barrier::new(secs.len()));
    let total = Arc::new(Mutex::new(0));
    let tasks: Vec<_> = secs
        .into_iter()
        .map(|part| {
            let (barrier, total) = (Arc::clone(&barrier), Arc::clone(&total));
            tokio::spawn(async move {
                sleep(Duration::from_secs(part)).await; // phase 1: compute
                *total.lock().unwrap() += part;
                let leader = barrier.wait().await.is_leader();
                let seen = *total.lock().unwrap(); // phase 2: everyone's part is in
                (seen, leader)
            })
        })
        .collect();
    let mut results = Vec::new();
    for task in tasks {
        results.push(task.await.unwrap());
    }
    results
}
// ANCHOR_END: barrier

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let start = Instant::now();
    let results = sum_in_two_phases(vec![3, 1, 2]).await;
    // Nobody passed the barrier before the slowest part (3 s) was added.
    assert_eq!(start.elapsed(), Duration::from_secs(3));
    assert!(results.iter().all(|&(seen, _)| seen == 6), "{results:?}");
    assert_eq!(results.iter().filter(|&&(_, leader)| leader).count(), 1);
}
