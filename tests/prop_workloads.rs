//! Chapter 2: the parallel versions agree with their sequential references.

mod proptest_cases;

use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use listings::foundations::workloads::cpu_bound::{
    count_primes, count_primes_parallel, count_primes_strided,
};
use listings::foundations::workloads::io_bound::serve_all;
use proptest::prelude::*;

/// `serve_all` over loopback, on a thread of its own: a request that never gets its
/// answer fails the case after 10 s instead of hanging the run.
fn serve_all_within_10_s(requests: usize, workers: usize) -> Vec<usize> {
    let (done, result) = mpsc::channel();
    thread::spawn(move || done.send(serve_all(requests, workers, Duration::ZERO)));
    result
        .recv_timeout(Duration::from_secs(10))
        .expect("serve_all returned within 10 s")
}

proptest! {
    #![proptest_config(proptest_cases::cases(32))]

    #[test]
    fn parallel_counts_equal_the_sequential_count(limit in 0u64..30_000, threads in 1usize..=8) {
        let expected = count_primes(limit);
        prop_assert_eq!(count_primes_parallel(limit, threads), expected);
        prop_assert_eq!(count_primes_strided(limit, threads), expected);
    }

    #[test]
    fn every_request_is_served_once_in_order(requests in 0usize..200, workers in 1usize..=16) {
        let responses = serve_all_within_10_s(requests, workers);
        prop_assert_eq!(responses, (0..requests).map(|id| id * 2).collect::<Vec<_>>());
    }
}
