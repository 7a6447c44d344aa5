extern crate tokio;

use std::time::Duration;

use tokio::sync::Mutex;
use tokio::time::{Instant, sleep, sleep_until};

// ANCHOR: bucket
/// Up to `capacity` calls at once, then one call per `every`: a bucket of tokens,
/// refilled with one token per `every` and never holding more than `capacity`.
pub struct TokenBucket {
    capacity: u32,
    every: Duration,
    bucket: Mutex<Bucket>,
}

struct Bucket {
    tokens: u32,
    refilled_at: Instant,
}

impl TokenBucket {
    pub fn new(capacity: u32, every: Duration) -> Self {
        let bucket = Bucket {
            tokens: capacity,
            refilled_at: Instant::now(),
        };
        TokenBucket {
            capacity,
            every,
            bucket: Mutex::new(bucket),
        }
    }

    /// Returns when the caller may go ahead.
    pub async fn acquire(&self) {
        // tokio's Mutex is FIFO: callers get tokens in the order they arrived.
        let mut bucket = self.bucket.lock().await;
        self.refill(&mut bucket, Instant::now());
        if bucket.tokens == 0 {
            // Empty: wait for the next token, keeping the lock so that nobody
            // overtakes the callers already queued.
            let next = bucket.refilled_at + self.every;
            sleep_until(next).await;
            self.refill(&mut bucket, next);
        }
        bucket.tokens -= 1;
    }

    /// Adds one token for every whole `every` since the last refill.
    fn refill(&self, bucket: &mut Bucket, now: Instant) {
        let periods = (now - bucket.refilled_at).as_nanos() / self.every.as_nanos();
        let tokens = u128::from(bucket.tokens) + periods;
        if tokens >= u128::from(self.capacity) {
            // Full: extra tokens spill over, and the next one starts from now.
            *bucket = Bucket {
                tokens: self.capacity,
                refilled_at: now,
            };
        } else {
            // Fewer than `capacity` periods, so the count fits in a u32. The part
            // of a period already gone is kept for the next token.
            bucket.tokens = tokens as u32;
            bucket.refilled_at += self.every * periods as u32;
        }
    }
}
// ANCHOR_END: bucket

/// Milliseconds of (virtual) time since `start`.
fn ms(start: Instant) -> u128 {
    start.elapsed().as_millis()
}

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let start = Instant::now();
    let limiter = TokenBucket::new(3, Duration::from_secs(1));
    let mut admitted = Vec::new();
    for _ in 0..6 {
        limiter.acquire().await;
        admitted.push(ms(start));
    }
    // A burst of 3, then one per second.
    assert_eq!(admitted, [0, 0, 0, 1000, 2000, 3000]);

    // The same calls that got five through the fixed window within 10 ms: here at
    // most 3 within any second, since the bucket never holds more than 3 tokens.
    sleep(Duration::from_secs(10) - start.elapsed()).await;
    let mut admitted = Vec::new();
    for wait in [0, 990, 0, 10, 0, 0] {
        sleep(Duration::from_millis(wait)).await;
        limiter.acquire().await;
        admitted.push(ms(start));
    }
    assert_eq!(admitted, [10_000, 10_990, 10_990, 11_000, 12_000, 13_000]);
}
