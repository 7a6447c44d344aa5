//! Chapter 5: the fixed counters agree with plain arithmetic for any small workload.

mod proptest_cases;

use std::collections::HashSet;
use std::sync::Barrier;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;

use listings::threads::races::atomic_counter::AtomicCounter;
use listings::threads::races::mutex_counter::{MutexCounter, Tally};
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
    #![proptest_config(proptest_cases::cases(64))]

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
    fn mutex_counter_keeps_sum_and_maximum_together(steps in prop::collection::vec(1u64..10, 1..2_000)) {
        // Rising batches: each update changes both fields, so each prefix of the
        // updates leaves its own (hits, largest_batch), and nothing else is valid.
        let batches: Vec<u64> = steps.iter().scan(0, |b, step| { *b += step; Some(*b) }).collect();
        let mut valid = HashSet::from([(0, 0)]);
        let mut hits = 0;
        for &batch in &batches {
            hits += batch;
            valid.insert((hits, batch));
        }

        let counter = MutexCounter::new();
        let writing = AtomicBool::new(true);
        let start = Barrier::new(2);
        let torn = thread::scope(|s| {
            let reader = s.spawn(|| {
                start.wait();
                let mut torn = Vec::new();
                while writing.load(Ordering::Acquire) {
                    let seen = counter.get();
                    if !valid.contains(&(seen.hits, seen.largest_batch)) {
                        torn.push(seen);
                    }
                }
                torn
            });
            start.wait();
            batches.iter().for_each(|&batch| counter.add(batch));
            writing.store(false, Ordering::Release);
            reader.join().unwrap()
        });
        prop_assert_eq!(torn, vec![]);
        prop_assert_eq!(counter.get(), Tally { hits, largest_batch: *batches.last().unwrap() });
    }
}
// ANCHOR_END: counts
