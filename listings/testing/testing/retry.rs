extern crate tokio;

use std::cell::Cell;
use std::future::Future;
use std::time::Duration;

use tokio::time::{Instant, sleep};

// ANCHOR: retry
/// Runs `attempt` until it succeeds, at most `tries` times (at least once). After a
/// failure it waits `pause`, and twice as long after each failure after that.
pub async fn retry<T, E, F, Fut>(tries: u32, mut pause: Duration, mut attempt: F) -> Result<T, E>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    let mut failures = 0;
    loop {
        match attempt().await {
            Ok(value) => return Ok(value),
            Err(error) => {
                failures += 1;
                if failures >= tries {
                    return Err(error);
                }
                sleep(pause).await;
                pause *= 2;
            }
        }
    }
}
// ANCHOR_END: retry

// On the paused clock the waits take no real time, and every instant is exact.
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let start = Instant::now();
    let calls = Cell::new(0);
    let answer = retry(5, Duration::from_millis(100), || {
        calls.set(calls.get() + 1);
        let call = calls.get();
        async move { if call < 3 { Err("busy") } else { Ok(call) } }
    })
    .await;
    // Two failures, so two waits: 100 ms, then 200 ms.
    assert_eq!(answer, Ok(3));
    assert_eq!(start.elapsed(), Duration::from_millis(300));

    let start = Instant::now();
    let never: Result<(), _> = retry(3, Duration::from_millis(100), || async { Err("down") }).await;
    assert_eq!(never, Err("down"));
    assert_eq!(start.elapsed(), Duration::from_millis(300));
}
