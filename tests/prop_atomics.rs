//! Chapter 6: the spin lock and the last-one-out combiner against plain arithmetic.

mod proptest_cases;

use std::sync::Barrier;
use std::sync::atomic::Ordering::AcqRel;
use std::thread;

use listings::threads::atomics::last_one_out::Results;
use listings::threads::atomics::spin_lock::{LockedCount, SpinLock};
use proptest::prelude::*;

proptest! {
    #![proptest_config(proptest_cases::cases(64))]

    #[test]
    fn the_spin_lock_loses_no_increment(threads in 1usize..=6, per_thread in 0usize..2_000) {
        let counter = LockedCount::new(SpinLock::new());
        let start = Barrier::new(threads);
        thread::scope(|s| {
            for _ in 0..threads {
                s.spawn(|| {
                    start.wait();
                    (0..per_thread).for_each(|_| counter.increment());
                });
            }
        });
        prop_assert_eq!(counter.get(), (threads * per_thread) as u64);
    }

    #[test]
    fn the_last_worker_combines_exactly_the_parts_given(parts in any::<[u64; 4]>(), fenced: bool) {
        let results = Results::<4>::new();
        let start = Barrier::new(4);
        let combined: Vec<[u64; 4]> = thread::scope(|s| {
            let workers: Vec<_> = (0..4)
                .map(|i| {
                    let (results, start, part) = (&results, &start, parts[i]);
                    s.spawn(move || {
                        start.wait();
                        if fenced {
                            results.finish_fenced(i, part)
                        } else {
                            results.finish(i, part, AcqRel)
                        }
                    })
                })
                .collect();
            workers.into_iter().filter_map(|w| w.join().unwrap()).collect()
        });
        prop_assert_eq!(combined, vec![parts]);
    }
}
