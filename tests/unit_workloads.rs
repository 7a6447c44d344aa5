//! Chapter 2: the sequential prime count against known values.

use listings::foundations::workloads::cpu_bound::{count_primes, is_prime};

#[test]
fn trial_division_agrees_with_known_primes() {
    let below_100: Vec<u64> = (0..100).filter(|&n| is_prime(n)).collect();
    let known = [
        2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89,
        97,
    ];
    assert_eq!(below_100, known);
    assert_eq!(count_primes(1_000_000), 78_498);
}
