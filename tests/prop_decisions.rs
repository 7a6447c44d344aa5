//! Chapter 20: every way of splitting the work computes the sequential answer, and
//! hands work to other threads as often as the text says.

mod proptest_cases;

use listings::choosing::decisions::oversplit::{
    chunk_per_thread, round_trip_per_item, sequential, thread_per_item,
};
use proptest::prelude::*;

proptest! {
    #![proptest_config(proptest_cases::cases(32))]

    #[test]
    fn every_split_computes_the_sequential_sum(
        items in prop::collection::vec(any::<u64>(), 0..200),
        threads in 1usize..=8,
    ) {
        let expected = sequential(&items).sum;
        prop_assert_eq!(thread_per_item(&items).sum, expected);
        prop_assert_eq!(round_trip_per_item(&items).sum, expected);
        let chunked = chunk_per_thread(&items, threads);
        prop_assert_eq!(chunked.sum, expected);
        prop_assert!(chunked.handoffs <= threads);
        prop_assert_eq!(chunked.handoffs == 0, items.is_empty());
    }
}
