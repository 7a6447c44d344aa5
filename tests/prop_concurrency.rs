//! Chapter 1 on tokio's paused clock: waits overlap, whatever the job count, and the
//! batch computes what a sequential loop computes.

use std::time::Duration;

use listings::foundations::concurrency::mixed_workload::{crunch, job};
use proptest::prelude::*;
use tokio::runtime::Builder;
use tokio::time::Instant;

// ANCHOR: paused
proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn waits_overlap_on_one_thread(jobs in 1u64..64, wait_ms in 1u64..10_000, rounds in 0u64..1_000) {
        let runtime = Builder::new_current_thread().enable_time().start_paused(true).build().unwrap();
        let wait = Duration::from_millis(wait_ms);
        let (checksum, elapsed) = runtime.block_on(async {
            let start = Instant::now();
            let handles: Vec<_> = (0..jobs).map(|id| tokio::spawn(job(id, rounds, wait))).collect();
            let mut checksum = 0;
            for handle in handles {
                checksum ^= handle.await.unwrap();
            }
            (checksum, start.elapsed())
        });
        // One wait of virtual time for the whole batch, not one per job.
        prop_assert_eq!(elapsed, wait);
        let sequential = (0..jobs).fold(0, |acc, id| acc ^ crunch(crunch(id, rounds), rounds));
        prop_assert_eq!(checksum, sequential);
    }
}
// ANCHOR_END: paused
