extern crate rayon;

use std::panic::{self, AssertUnwindSafe};

use rayon::prelude::*;

// ANCHOR: rayon
/// Data parallelism: rayon splits the range over its threads and combines the parts.
pub fn sum_of_squares(values: &[u64]) -> u64 {
    values.par_iter().map(|v| v * v).sum()
}

/// Fork-join by hand: `rayon::join` may run the two halves in parallel.
pub fn max_depth_sum(values: &[u64]) -> u64 {
    if values.len() <= 1_000 {
        return values.iter().sum();
    }
    let (left, right) = values.split_at(values.len() / 2);
    let (a, b) = rayon::join(|| max_depth_sum(left), || max_depth_sum(right));
    a + b
}

/// Tasks that borrow from the caller: `scope` returns once all of them have finished.
pub fn word_lengths(words: &[&str]) -> Vec<usize> {
    let mut lengths = vec![0; words.len()];
    rayon::scope(|s| {
        for (slot, word) in lengths.iter_mut().zip(words) {
            s.spawn(move |_| *slot = word.chars().count());
        }
    });
    lengths
}

fn main() {
    let values: Vec<u64> = (1..=10_000).collect();
    assert_eq!(
        sum_of_squares(&values),
        values.iter().map(|v| v * v).sum::<u64>()
    );
    assert_eq!(max_depth_sum(&values), 50_005_000);
    assert_eq!(word_lengths(&["pool", "größe"]), [4, 5]);

    // A pool of its own, instead of rayon's global one (one thread per reported CPU).
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .unwrap();
    assert_eq!(
        pool.install(|| sum_of_squares(&values)),
        sum_of_squares(&values)
    );

    // A task's panic comes back to whoever waits for the result.
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| {
        pool.install(|| {
            (0..100)
                .into_par_iter()
                .for_each(|i| assert!(i != 42, "item {i} failed"))
        })
    }));
    let payload = outcome.unwrap_err();
    assert_eq!(payload.downcast_ref::<String>().unwrap(), "item 42 failed");
}
// ANCHOR_END: rayon
