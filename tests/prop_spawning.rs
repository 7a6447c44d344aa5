//! Chapter 4: scoped parallel computations agree with their sequential references,
//! and every kind of panic payload comes back from `join` as its message.

mod proptest_cases;

use std::any::Any;

use listings::threads::spawning::join_panic::panic_message;
use listings::threads::spawning::scoped::{parallel_double, parallel_sum};
use proptest::prelude::*;

/// The three kinds of payload a panic can carry, as far as `panic_message` cares.
#[derive(Debug, Clone, Copy)]
enum Payload {
    /// `panic!` with a formatted message.
    String,
    /// A `&'static str`, as `panic!` with a literal gives.
    Str,
    /// Anything else, here a number.
    Other,
}

impl Payload {
    fn raise(self, message: String) -> ! {
        match self {
            Payload::String => panic!("{message}"),
            // Leaked so that it is `'static`: at most 40 bytes per case.
            Payload::Str => std::panic::panic_any(&*message.leak()),
            Payload::Other => std::panic::panic_any(message.len()),
        }
    }

    /// Whether `raised` is the kind of payload `raise` meant to produce.
    fn carried_by(self, raised: &(dyn Any + Send)) -> bool {
        match self {
            Payload::String => raised.is::<String>(),
            Payload::Str => raised.is::<&str>(),
            Payload::Other => raised.is::<usize>(),
        }
    }
}

proptest! {
    #![proptest_config(proptest_cases::cases(64))]

    #[test]
    fn parallel_sum_equals_iter_sum(values in prop::collection::vec(0u64..1_000_000, 0..=2_000), threads in 1usize..=8) {
        prop_assert_eq!(parallel_sum(&values, threads), values.iter().sum::<u64>());
    }

    #[test]
    fn parallel_double_equals_map(values in prop::collection::vec(0u64..1_000_000, 0..=2_000), threads in 1usize..=8) {
        let expected: Vec<u64> = values.iter().map(|v| v * 2).collect();
        let mut doubled = values.clone();
        parallel_double(&mut doubled, threads);
        prop_assert_eq!(doubled, expected);
    }

    #[test]
    fn join_returns_the_panic_message(message in "[a-z ]{0,40}", payload in prop_oneof![Just(Payload::String), Just(Payload::Str), Just(Payload::Other)]) {
        let expected = match payload {
            Payload::Other => "(a panic with a payload that is not a string)".to_owned(),
            _ => message.clone(),
        };
        let raised = std::thread::spawn(move || payload.raise(message)).join().unwrap_err();
        prop_assert!(payload.carried_by(raised.as_ref()));
        prop_assert_eq!(panic_message(raised.as_ref()), expected);
    }
}
