extern crate tokio;

use std::sync::{Arc, Mutex};
use std::time::Duration;

// ANCHOR: choice
/// Fix 1, the usual one: std's `Mutex`, with the guard dropped before any `.await`.
pub async fn record_visit(visits: Arc<Mutex<u64>>) {
    {
        let mut count = visits.lock().unwrap();
        *count += 1;
    } // guard dropped here: the future holds no guard across the `.await`
    tokio::time::sleep(Duration::from_millis(1)).await;
}

/// Fix 2, when the lock really must be held across an `.await` (here: the write is
/// only complete once the "flush" has finished): tokio's `Mutex`, whose `lock` is
/// itself async and whose guard is `Send`.
pub async fn record_and_flush(visits: Arc<tokio::sync::Mutex<Vec<u64>>>, visit: u64) {
    let mut log = visits.lock().await;
    log.push(visit);
    tokio::time::sleep(Duration::from_millis(1)).await; // stands in for a flush
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let visits = Arc::new(Mutex::new(0));
    let log = Arc::new(tokio::sync::Mutex::new(Vec::new()));
    let mut tasks = tokio::task::JoinSet::new();
    for visit in 0..20 {
        tasks.spawn(record_visit(Arc::clone(&visits)));
        tasks.spawn(record_and_flush(Arc::clone(&log), visit));
    }
    tasks.join_all().await;
    assert_eq!(*visits.lock().unwrap(), 20);
    assert_eq!(log.lock().await.len(), 20);
}
// ANCHOR_END: choice
