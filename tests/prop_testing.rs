//! Chapter 22: the ticket counter on real threads, against the sequential answer.

mod proptest_cases;

use std::sync::Barrier;
use std::thread;

use listings::testing::testing::tickets::Tickets;
use proptest::prelude::*;

// ANCHOR: reference
/// Each buyer asks `wants` times, all buyers at once; every ticket they got, sorted.
fn sold(tickets: &Tickets, buyers: usize, wants: usize) -> Vec<u32> {
    let start = Barrier::new(buyers);
    let mut sold: Vec<u32> = thread::scope(|s| {
        let handles: Vec<_> = (0..buyers)
            .map(|_| {
                s.spawn(|| {
                    start.wait();
                    (0..wants)
                        .filter_map(|_| tickets.take())
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|handle| handle.join().unwrap())
            .collect()
    });
    sold.sort_unstable();
    sold
}

proptest! {
    #![proptest_config(proptest_cases::cases(64))]

    #[test]
    fn every_ticket_goes_to_exactly_one_buyer(
        limit in 0u32..300,
        buyers in 1usize..=4,
        wants in 0usize..100,
    ) {
        let tickets = Tickets::new(limit);
        // The sequential answer, worked out without the code under test: as many
        // tickets as were asked for, up to the limit, numbered from 0, each once.
        let asked = (buyers * wants) as u32;
        let expected: Vec<u32> = (0..asked.min(limit)).collect();
        prop_assert_eq!(sold(&tickets, buyers, wants), expected);
        // And the next ticket is the first one nobody asked for.
        prop_assert_eq!(tickets.take(), (asked < limit).then_some(asked));
    }
}
// ANCHOR_END: reference
