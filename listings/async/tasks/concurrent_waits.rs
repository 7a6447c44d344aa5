extern crate tokio;

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

/// `join!` and `try_join!` run futures concurrently *inside one task*, no spawning.
pub async fn three_lookups() -> Result<(u32, u32, u32), String> {
    let lookup = |secs, value| async move {
        sleep(Duration::from_secs(secs)).await;
        Ok::<u32, String>(value)
    };
    let (a, b) = tokio::join!(lookup(1, 10), lookup(2, 20));
    let c = tokio::try_join!(lookup(1, 30), lookup(1, 0))?.0;
    Ok((a?, b?, c))
}

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    // On the paused clock, time jumps straight to the next timer: the test is instant
    // and the elapsed time is exact.
    assert_eq!(ten_waits().await, Duration::from_secs(1));
    assert_eq!(three_lookups().await, Ok((10, 20, 30)));
}
// ANCHOR_END: waits
