//! Chapter 19: every channel delivers each item exactly once and keeps each
//! producer's order, against the sequential answer; the overload simulation against
//! a plain `VecDeque`.

mod proptest_cases;

use std::collections::VecDeque;

use listings::toolkit::queues::crossbeam_workers::run_crossbeam;
use listings::toolkit::queues::overload::{Sample, overload};
use listings::toolkit::queues::std_workers::{Item, run_std};
use listings::toolkit::queues::tokio_workers::run_tokio;
use proptest::prelude::*;

/// What a correct queue delivers: every item of every producer, once. Checks the
/// union of what the consumers received against it, and that each consumer saw each
/// producer's items in the order they were sent.
fn check_delivery(counts: &[u32], received: &[Vec<Item>]) -> Result<(), TestCaseError> {
    let mut expected: Vec<Item> = counts
        .iter()
        .enumerate()
        .flat_map(|(p, &n)| (0..n).map(move |seq| (p, seq)))
        .collect();
    expected.sort_unstable();
    let mut all: Vec<Item> = received.concat();
    all.sort_unstable();
    prop_assert_eq!(all, expected, "each item exactly once");
    for (c, got) in received.iter().enumerate() {
        for p in 0..counts.len() {
            let seqs: Vec<u32> = got.iter().filter(|i| i.0 == p).map(|i| i.1).collect();
            prop_assert!(
                seqs.is_sorted(),
                "consumer {} saw producer {}'s items out of order: {:?}",
                c,
                p,
                seqs
            );
        }
    }
    Ok(())
}

// ANCHOR: sequential
/// The sequential reference for `overload`: a `VecDeque` that refuses what exceeds
/// the capacity.
fn reference(
    steps: usize,
    made: usize,
    taken: usize,
    size: usize,
    capacity: Option<usize>,
) -> Vec<Sample> {
    let mut queue: VecDeque<usize> = VecDeque::new();
    let mut refused = 0;
    (0..steps)
        .map(|_| {
            for _ in 0..made {
                if capacity.is_some_and(|cap| queue.len() == cap) {
                    refused += 1;
                } else {
                    queue.push_back(size);
                }
            }
            for _ in 0..taken {
                queue.pop_front();
            }
            Sample {
                queued: queue.len(),
                bytes: queue.iter().sum(),
                refused,
            }
        })
        .collect()
}
// ANCHOR_END: sequential

proptest! {
    #![proptest_config(proptest_cases::cases(48))]

    // ANCHOR: delivery
    #[test]
    fn std_sync_channel_delivers_each_item_once_in_order(
        counts in prop::collection::vec(0u32..60, 1..5),
        consumers in 1usize..4,
        capacity in 0usize..5,
    ) {
        check_delivery(&counts, &run_std(&counts, consumers, capacity))?;
    }
    // ANCHOR_END: delivery

    #[test]
    fn crossbeam_channel_delivers_each_item_once_in_order(
        counts in prop::collection::vec(0u32..60, 1..5),
        consumers in 1usize..4,
        capacity in prop::option::of(0usize..5),
    ) {
        check_delivery(&counts, &run_crossbeam(&counts, consumers, capacity))?;
    }

    #[test]
    fn tokio_mpsc_delivers_each_item_once_in_order(
        counts in prop::collection::vec(0u32..60, 1..5),
        consumers in 1usize..4,
        capacity in 1usize..5,
    ) {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .build()
            .unwrap();
        let received = runtime.block_on(run_tokio(&counts, consumers, capacity));
        check_delivery(&counts, &received)?;
    }

    #[test]
    fn overload_matches_a_sequential_queue(
        steps in 0usize..200,
        made in 0usize..6,
        taken in 0usize..6,
        size in 1usize..64,
        capacity in prop::option::of(0usize..10),
    ) {
        let samples = overload(steps, made, taken, size, capacity);
        prop_assert_eq!(&samples, &reference(steps, made, taken, size, capacity));
        if capacity.is_none() && made > taken {
            // Unbounded and overloaded: the backlog grows by the difference every step.
            let growth = made - taken;
            prop_assert!(samples.iter().zip(1..).all(|(s, step)| s.queued == step * growth));
        }
    }
}
