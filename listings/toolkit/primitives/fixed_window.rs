extern crate tokio;

use std::time::Duration;

use tokio::sync::Mutex;
use tokio::time::{Instant, sleep, sleep_until};

// ANCHOR: window
/// At most `limit` calls per window; a window opens at the first call after the
/// previous one ended.
pub struct FixedWindow {
    limit: u32,
    length: Duration,
    window: Mutex<Window>,
}

struct Window {
    ends: Instant,
    used: u32,
}

impl FixedWindow {
    pub fn new(limit: u32, length: Duration) -> Self {
        let window = Window {
            ends: Instant::now(),
            used: 0,
        };
        FixedWindow {
            limit,
            length,
            window: Mutex::new(window),
        }
    }

    /// Returns when the caller may go ahead.
    pub async fn acquire(&self) {
        // tokio's Mutex is FIFO: callers are admitted in the order they arrived.
        let mut window = self.window.lock().await;
        if Instant::now() >= window.ends {
            *window = Window {
                ends: Instant::now() + self.length,
                used: 0,
            };
        }
        if window.used == self.limit {
            // Full: wait for this window to end, keeping the lock, so the callers
            // behind stay queued in order. The next window starts when this one ends.
            sleep_until(window.ends).await;
            *window = Window {
                ends: window.ends + self.length,
                used: 0,
            };
        }
        window.used += 1;
    }
}
// ANCHOR_END: window

/// Milliseconds of (virtual) time since `start`.
fn ms(start: Instant) -> u128 {
    start.elapsed().as_millis()
}

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let start = Instant::now();
    let limiter = FixedWindow::new(3, Duration::from_secs(1));
    let mut admitted = Vec::new();
    for _ in 0..7 {
        limiter.acquire().await;
        admitted.push(ms(start));
    }
    assert_eq!(admitted, [0, 0, 0, 1000, 1000, 1000, 2000]);

    // The weakness: a window's last calls and the next window's first calls can
    // come together. One call opens a window at 10 s; two come at 10.99 s, three
    // at 11 s: five calls within 10 ms, against a limit of 3 per second.
    sleep(Duration::from_secs(10) - start.elapsed()).await;
    let mut admitted = Vec::new();
    for wait in [0, 990, 0, 10, 0, 0] {
        sleep(Duration::from_millis(wait)).await;
        limiter.acquire().await;
        admitted.push(ms(start));
    }
    assert_eq!(admitted, [10_000, 10_990, 10_990, 11_000, 11_000, 11_000]);
}
