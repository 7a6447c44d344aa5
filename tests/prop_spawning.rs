//! Chapter 4: scoped parallel computations agree with their sequential references.

use listings::threads::spawning::join_panic::panic_message;
use listings::threads::spawning::scoped::{parallel_double, parallel_sum};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn parallel_sum_equals_iter_sum(values in prop::collection::vec(0u64..1_000_000, 0..2_000), threads in 1usize..=8) {
        prop_assert_eq!(parallel_sum(&values, threads), values.iter().sum::<u64>());
    }

    #[test]
    fn parallel_double_equals_map(values in prop::collection::vec(0u64..1_000_000, 0..2_000), threads in 1usize..=8) {
        let expected: Vec<u64> = values.iter().map(|v| v * 2).collect();
        let mut doubled = values.clone();
        parallel_double(&mut doubled, threads);
        prop_assert_eq!(doubled, expected);
    }

    #[test]
    fn join_returns_the_panic_message(message in "[a-z ]{0,40}") {
        let owned = message.clone();
        let payload = std::thread::spawn(move || panic!("{owned}")).join().unwrap_err();
        prop_assert_eq!(panic_message(payload.as_ref()), message.as_str());
    }
}
