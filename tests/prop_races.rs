//! Chapter 5: the fixed counters agree with plain arithmetic for any small workload.

use std::thread;

use listings::threads::races::{atomic_counter::AtomicCounter, mutex_counter::MutexCounter};
use proptest::prelude::*;

/// Runs `increment` `per_thread` times on each of `threads` scoped threads.
fn hammer(threads: usize, per_thread: usize, increment: impl Fn() + Sync) {
    thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| (0..per_thread).for_each(|_| increment()));
        }
    });
}

// ANCHOR: counts
proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn atomic_counter_counts_every_increment(threads in 1usize..=6, per_thread in 0usize..2_000) {
        let counter = AtomicCounter::new();
        hammer(threads, per_thread, || counter.increment());
        prop_assert_eq!(counter.get(), (threads * per_thread) as u64);
    }

    #[test]
    fn mutex_counter_counts_every_increment(threads in 1usize..=6, per_thread in 0usize..2_000) {
        let counter = MutexCounter::new();
        hammer(threads, per_thread, || counter.increment());
        prop_assert_eq!(counter.get().hits, (threads * per_thread) as u64);
    }

    #[test]
    fn mutex_counter_keeps_sum_and_maximum_together(batches in prop::collection::vec(0u64..100, 1..6)) {
        let counter = MutexCounter::new();
        thread::scope(|s| {
            for &batch in &batches {
                let counter = &counter;
                s.spawn(move || counter.add(batch));
            }
        });
        let tally = counter.get();
        prop_assert_eq!(tally.hits, batches.iter().sum::<u64>());
        prop_assert_eq!(tally.largest_batch, *batches.iter().max().unwrap());
    }
}
// ANCHOR_END: counts
