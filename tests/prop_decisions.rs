//! Chapter 20: every way of splitting the work computes the sequential answer, and
//! hands work to other threads as often as the text says.

mod proptest_cases;

use listings::choosing::decisions::oversplit::{
    chunk_per_thread, round_trip_per_item, sequential, thread_per_item,
};
use proptest::prelude::*;

/// The sum the listing's loop must compute, written out here: each item multiplied
/// by the constant and rotated by 17 bits, all added with wrap-around.
fn expected_sum(items: &[u64]) -> u64 {
    let mut sum = 0u64;
    for &x in items {
        sum = sum.wrapping_add(x.wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(17));
    }
    sum
}

proptest! {
    #![proptest_config(proptest_cases::cases(32))]

    #[test]
    fn every_split_computes_the_sequential_sum(
        items in prop::collection::vec(any::<u64>(), 0..200),
        threads in 1usize..=8,
    ) {
        let expected = expected_sum(&items);
        prop_assert_eq!(sequential(&items).sum, expected);
        prop_assert_eq!(thread_per_item(&items).sum, expected);
        prop_assert_eq!(round_trip_per_item(&items).sum, expected);
        let chunked = chunk_per_thread(&items, threads);
        prop_assert_eq!(chunked.sum, expected);
        prop_assert!(chunked.handoffs <= threads);
        prop_assert_eq!(chunked.handoffs == 0, items.is_empty());
    }
}
