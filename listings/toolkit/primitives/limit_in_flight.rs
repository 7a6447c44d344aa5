extern crate tokio;

use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::Semaphore;
use tokio::task::JoinSet;
use tokio::time::{Instant, sleep};

// ANCHOR: limit
/// Runs every job, never more than `limit` at once, and returns their outputs in the
/// order the jobs finished.
pub async fn run_limited<F>(limit: usize, jobs: Vec<F>) -> Vec<F::Output>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    let permits = Arc::new(Semaphore::new(limit));
    let mut running = JoinSet::new();
    for job in jobs {
        // Wait for a permit *before* spawning: at most `limit` tasks run at a time.
        let permit = Arc::clone(&permits).acquire_owned().await.unwrap();
        running.spawn(async move {
            let output = job.await;
            drop(permit); // the slot is free again once the job is done
            output
        });
    }
    running.join_all().await
}
// ANCHOR_END: limit

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    // (jobs running now, most ever running at once)
    let in_flight = Arc::new(Mutex::new((0, 0)));
    let jobs = (0..10)
        .map(|id| {
            let in_flight = Arc::clone(&in_flight);
            async move {
                {
                    let mut count = in_flight.lock().unwrap();
                    count.0 += 1;
                    count.1 = count.1.max(count.0);
                }
                sleep(Duration::from_secs(1)).await; // stands in for an HTTP request
                in_flight.lock().unwrap().0 -= 1;
                id
            }
        })
        .collect();
    let start = Instant::now();
    let mut finished = run_limited(3, jobs).await;
    // Ten one-second jobs, three at a time: rounds of 3, 3, 3 and 1.
    assert_eq!(start.elapsed(), Duration::from_secs(4));
    assert_eq!(in_flight.lock().unwrap().1, 3, "never more than 3 at once");
    finished.sort();
    assert_eq!(finished, (0..10).collect::<Vec<_>>(), "each job ran once");
}
