extern crate tokio;

use std::sync::Mutex;
use std::time::Duration;

use tokio::time::{Instant, sleep};

// ANCHOR: waits
/// Ten tasks that each wait one second.
pub async fn ten_waits() -> Duration {
    let start = Instant::now();
    let handles: Vec<_> = (0..10)
        .map(|_| tokio::spawn(sleep(Duration::from_secs(1))))
        .collect();
    for handle in handles {
        handle.await.unwrap();
    }
    start.elapsed()
}

/// Looks a key up for `secs` seconds; key 0 does not exist. Records the keys found.
async fn lookup(secs: u64, key: u32, found: &Mutex<Vec<u32>>) -> Result<u32, String> {
    sleep(Duration::from_secs(secs)).await;
    if key == 0 {
        return Err(format!("no key {key}"));
    }
    found.lock().unwrap().push(key);
    Ok(key * 10)
}

/// `join!` runs futures concurrently *inside one task*, no spawning (so they may
/// borrow `found`), and waits for every one of them, whatever they return.
pub async fn join_both(found: &Mutex<Vec<u32>>) -> (Result<u32, String>, Result<u32, String>) {
    tokio::join!(lookup(3, 7, found), lookup(1, 0, found))
}

/// `try_join!` returns at the first error, and drops the futures still running.
pub async fn try_join_both(found: &Mutex<Vec<u32>>) -> Result<(u32, u32), String> {
    tokio::try_join!(lookup(3, 7, found), lookup(1, 0, found))
}

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    // On the paused clock, time jumps straight to the next timer: the run is instant
    // and the elapsed time is exact.
    assert_eq!(ten_waits().await, Duration::from_secs(1));

    let (found, start) = (Mutex::new(Vec::new()), Instant::now());
    assert_eq!(join_both(&found).await, (Ok(70), Err("no key 0".into())));
    assert_eq!(start.elapsed(), Duration::from_secs(3), "waited for key 7");

    let (found, start) = (Mutex::new(Vec::new()), Instant::now());
    assert_eq!(try_join_both(&found).await, Err("no key 0".into()));
    assert_eq!(
        start.elapsed(),
        Duration::from_secs(1),
        "returned at the error"
    );
    sleep(Duration::from_secs(10)).await;
    assert!(
        found.lock().unwrap().is_empty(),
        "the lookup of key 7 was dropped"
    );
}
// ANCHOR_END: waits
