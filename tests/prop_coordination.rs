//! Chapter 8: the coordination primitives against their sequential references.

mod proptest_cases;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

use listings::threads::coordination::barrier_phases::totals_seen_after_barrier;
use listings::threads::coordination::bounded_queue::BoundedQueue;
use listings::threads::coordination::semaphore::Semaphore;
use proptest::prelude::*;

proptest! {
    #![proptest_config(proptest_cases::cases(48))]

    // ANCHOR: holders
    #[test]
    fn semaphore_never_admits_more_than_its_permits(permits in 1usize..4, threads in 1usize..8) {
        let semaphore = Semaphore::new(permits);
        let (inside, most) = (AtomicUsize::new(0), AtomicUsize::new(0));
        thread::scope(|s| {
            for _ in 0..threads {
                s.spawn(|| for _ in 0..50 {
                    let _permit = semaphore.acquire();
                    let now = inside.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(now, Ordering::SeqCst);
                    thread::yield_now();
                    inside.fetch_sub(1, Ordering::SeqCst);
                });
            }
        });
        prop_assert!(most.load(Ordering::SeqCst) <= permits);
    }
    // ANCHOR_END: holders

    #[test]
    fn bounded_queue_delivers_every_item_once(
        capacity in 1usize..4,
        producers in 1usize..4,
        consumers in 1usize..4,
        per_producer in 0usize..100,
    ) {
        let queue = BoundedQueue::new(capacity);
        let items = producers * per_producer;
        let (mut received, most_queued) = thread::scope(|s| {
            for p in 0..producers {
                let queue = &queue;
                s.spawn(move || (0..per_producer).for_each(|i| queue.push(p * 1_000 + i)));
            }
            // Consumer `c` takes items c, c + consumers, c + 2 * consumers, ... of the total.
            let takers: Vec<_> = (0..consumers)
                .map(|c| {
                    let queue = &queue;
                    s.spawn(move || {
                        let (mut got, mut most) = (Vec::new(), 0);
                        for _ in (c..items).step_by(consumers) {
                            most = most.max(queue.len());
                            got.push(queue.pop());
                        }
                        (got, most)
                    })
                })
                .collect();
            let mut all = Vec::new();
            let mut most = 0;
            for taker in takers {
                let (got, seen) = taker.join().unwrap();
                all.extend(got);
                most = most.max(seen);
            }
            (all, most)
        });
        prop_assert!(most_queued <= capacity, "{most_queued} items queued, capacity {capacity}");
        received.sort_unstable();
        let mut sent: Vec<usize> = (0..producers).flat_map(|p| (0..per_producer).map(move |i| p * 1_000 + i)).collect();
        sent.sort_unstable();
        prop_assert_eq!(received, sent);
    }

    #[test]
    fn every_thread_sees_the_whole_total_after_the_barrier(partials in prop::collection::vec(1u64..1_000, 1..8)) {
        let total: u64 = partials.iter().sum();
        prop_assert_eq!(totals_seen_after_barrier(&partials), vec![total; partials.len()]);
    }
}
