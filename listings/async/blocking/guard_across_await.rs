extern crate tokio;

use std::sync::{Arc, Mutex};
use std::time::Duration;

// ANCHOR: refused
async fn record_visit(visits: Arc<Mutex<u64>>) {
    let mut count = visits.lock().unwrap();
    // The guard is still alive across this `.await`, so it is part of the future's
    // state; `MutexGuard` is not `Send`, so neither is the future.
    tokio::time::sleep(Duration::from_millis(1)).await;
    *count += 1;
}

#[tokio::main]
async fn main() {
    let visits = Arc::new(Mutex::new(0));
    tokio::spawn(record_visit(Arc::clone(&visits))).await.unwrap();
}
// ANCHOR_END: refused
