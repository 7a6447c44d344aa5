//! Chapter 1: Listing 1-1's `run_batch`, on tokio's paused clock and on worker threads.
//! Its waits overlap, whatever the job count, and the batch computes what a
//! sequential loop computes.

mod paused_clock;
mod proptest_cases;

use std::time::Duration;

use listings::foundations::concurrency::mixed_jobs::{crunch, run_batch};
use proptest::prelude::*;
use tokio::runtime::Builder;
use tokio::time::Instant;

/// The same jobs one after another, with no runtime: the reference answer.
fn sequential(jobs: u64, rounds: u64) -> u64 {
    (0..jobs).fold(0, |acc, id| acc ^ crunch(crunch(id, rounds), rounds))
}

// ANCHOR: paused
proptest! {
    #![proptest_config(proptest_cases::cases(32))]

    #[test]
    fn waits_overlap_on_one_thread(jobs in 1u64..64, wait_ms in 1u64..10_000, rounds in 0u64..1_000) {
        let runtime = paused_clock::runtime();
        let wait = Duration::from_millis(wait_ms);
        let (checksum, elapsed) = runtime.block_on(async {
            let start = Instant::now();
            let checksum = run_batch(jobs, rounds, wait).await;
            (checksum, start.elapsed())
        });
        // One wait of virtual time for the whole batch, not one per job.
        prop_assert_eq!(elapsed, wait);
        prop_assert_eq!(checksum, sequential(jobs, rounds));
    }
}
// ANCHOR_END: paused

proptest! {
    #![proptest_config(proptest_cases::cases(16))]

    /// On worker threads the tasks run in parallel, in an order nobody controls; the
    /// checksum must still be the sequential one.
    #[test]
    fn worker_threads_compute_the_sequential_checksum(jobs in 1u64..64, rounds in 0u64..1_000, workers in 1usize..=4) {
        let runtime = Builder::new_multi_thread().worker_threads(workers).enable_time().build().unwrap();
        let checksum = runtime.block_on(run_batch(jobs, rounds, Duration::from_millis(1)));
        prop_assert_eq!(checksum, sequential(jobs, rounds));
    }
}
