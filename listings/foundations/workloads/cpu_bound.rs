use std::sync::atomic::{AtomicU64, Ordering};
use std::thread;

// ANCHOR: cpu
/// Is `n` prime? Trial division: slow on purpose, and impossible to precompute.
pub fn is_prime(n: u64) -> bool {
    n >= 2
        && (2..)
            .take_while(|d| d * d <= n)
            .all(|d| !n.is_multiple_of(d))
}

pub fn count_primes(limit: u64) -> usize {
    (0..limit).filter(|&n| is_prime(n)).count()
}

/// Numbers are handed out in blocks of this many.
const BLOCK: u64 = 1_000;

/// The same count on `threads` scoped threads. Each thread claims the next block of
/// numbers until none are left, so a thread that drew cheap blocks simply claims more.
pub fn count_primes_parallel(limit: u64, threads: usize) -> usize {
    let next_block = AtomicU64::new(0);
    let worker = || {
        let mut found = 0;
        loop {
            let start = next_block.fetch_add(BLOCK, Ordering::Relaxed);
            if start >= limit {
                return found;
            }
            found += (start..(start + BLOCK).min(limit))
                .filter(|&n| is_prime(n))
                .count();
        }
    };
    thread::scope(|s| {
        let workers: Vec<_> = (0..threads).map(|_| s.spawn(worker)).collect();
        workers.into_iter().map(|w| w.join().unwrap()).sum()
    })
}
// ANCHOR_END: cpu

// ANCHOR: strided
/// A tempting split that goes wrong: thread `t` takes `t`, `t + threads`, ... With two
/// threads, one gets every even number (rejected at the first division) and the
/// other every odd one, including every prime but 2.
pub fn count_primes_strided(limit: u64, threads: usize) -> usize {
    thread::scope(|s| {
        let workers: Vec<_> = (0..threads as u64)
            .map(|first| {
                s.spawn(move || {
                    (first..limit)
                        .step_by(threads)
                        .filter(|&n| is_prime(n))
                        .count()
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap()).sum()
    })
}
// ANCHOR_END: strided

fn main() {
    let expected = count_primes(20_000);
    for threads in [1, 2, 4, 8] {
        assert_eq!(count_primes_parallel(20_000, threads), expected);
        assert_eq!(count_primes_strided(20_000, threads), expected);
    }
    println!("{expected} primes below 20000, whatever the thread count");
}
