//! Chapter 9: every job runs exactly once, and rayon agrees with plain iterators.

mod proptest_cases;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use listings::threads::pools::thread_pool::ThreadPool;
use listings::threads::pools::with_rayon::{max_depth_sum, sum_of_squares, word_lengths};
use proptest::prelude::*;

proptest! {
    #![proptest_config(proptest_cases::cases(48))]

    // ANCHOR: exactly_once
    #[test]
    fn every_submitted_job_runs_exactly_once(workers in 1usize..6, jobs in 0usize..300) {
        let runs: Arc<Vec<AtomicUsize>> = Arc::new((0..jobs).map(|_| AtomicUsize::new(0)).collect());
        let pool = ThreadPool::new(workers);
        for job in 0..jobs {
            let runs = Arc::clone(&runs);
            pool.execute(move || {
                runs[job].fetch_add(1, Ordering::Relaxed);
            });
        }
        drop(pool); // shut down with jobs possibly still queued
        prop_assert!(runs.iter().all(|r| r.load(Ordering::Relaxed) == 1));
    }
    // ANCHOR_END: exactly_once

    #[test]
    fn rayon_results_equal_sequential_ones(values in prop::collection::vec(0u64..1_000_000, 0..5_000)) {
        prop_assert_eq!(sum_of_squares(&values), values.iter().map(|v| v * v).sum::<u64>());
        prop_assert_eq!(max_depth_sum(&values), values.iter().sum::<u64>());
    }

    #[test]
    fn scoped_tasks_fill_every_slot(words in prop::collection::vec("[a-zé]{0,12}", 0..50)) {
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        let expected: Vec<usize> = words.iter().map(|w| w.chars().count()).collect();
        prop_assert_eq!(word_lengths(&words), expected);
    }
}
