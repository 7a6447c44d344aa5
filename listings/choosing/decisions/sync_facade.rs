extern crate futures;
extern crate tokio;

use std::io;
use std::time::Duration;

use futures::future::join_all;
use tokio::runtime::{Builder, Runtime};
use tokio::time::Instant;

// ANCHOR: facade
/// Stands in for a request to another machine: 100 ms of waiting, then an answer.
pub async fn fake_request(id: u64) -> u64 {
    tokio::time::sleep(Duration::from_millis(100)).await;
    id * 10
}

/// A synchronous front for async code: its callers never see a future.
pub struct Fetcher {
    runtime: Runtime,
}

impl Fetcher {
    /// One runtime for the fetcher's whole life, not one per call.
    pub fn new() -> io::Result<Fetcher> {
        let runtime = Builder::new_current_thread().enable_all().build()?;
        Ok(Fetcher { runtime })
    }

    /// The same on tokio's paused clock: waits take no real time.
    pub fn on_paused_clock() -> io::Result<Fetcher> {
        let runtime = Builder::new_current_thread()
            .enable_all()
            .start_paused(true)
            .build()?;
        Ok(Fetcher { runtime })
    }

    /// Makes every request at once and blocks the calling thread until all are
    /// answered. Returns the answers in the order asked, and the time that passed on
    /// the runtime's clock.
    pub fn fetch_all(&self, ids: &[u64]) -> (Vec<u64>, Duration) {
        self.runtime.block_on(async {
            let started = Instant::now();
            let answers = join_all(ids.iter().map(|&id| fake_request(id))).await;
            (answers, started.elapsed())
        })
    }
}

fn main() {
    // Plain synchronous code, with no `async` anywhere in sight.
    let fetcher = Fetcher::on_paused_clock().unwrap();
    let ids: Vec<u64> = (1..=100).collect();
    let (answers, took) = fetcher.fetch_all(&ids);
    assert_eq!(answers, ids.iter().map(|id| id * 10).collect::<Vec<_>>());
    // A hundred waits of 100 ms overlapped: one wait in all.
    assert_eq!(took, Duration::from_millis(100));
}
// ANCHOR_END: facade
