extern crate listings;
extern crate rayon;

use std::thread;
use std::time::Duration;

use listings::foundations::workloads::cpu_bound::is_prime;
use listings::measure::{best_of_three, speedup_table};
use rayon::prelude::*;

// ANCHOR: bench
// ANCHOR: pool
/// Runs `job` on a rayon pool of `threads` threads; the fastest of three runs.
fn on_pool(threads: usize, job: impl Fn() + Sync) -> Duration {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    best_of_three(|| pool.install(&job))
}
// ANCHOR_END: pool

fn main() {
    let count_primes = || {
        let found = (0..3_000_000_u64)
            .into_par_iter()
            .filter(|&n| is_prime(n))
            .count();
        std::hint::black_box(found);
    };
    let title = "CPU-bound: the primes below 3,000,000 on a rayon pool";
    let sizes = [1, 2, 4, 8, 16];
    speedup_table("cpu", title, "threads", &sizes, |n| {
        on_pool(n, count_primes)
    });

    let wait_for_replies = || {
        (0..64)
            .into_par_iter()
            .for_each(|_| thread::sleep(Duration::from_millis(20)));
    };
    let title = "I/O-bound: 64 waits of 20 ms on a rayon pool";
    let sizes = [1, 2, 4, 8, 16, 32, 64];
    speedup_table("io", title, "threads", &sizes, |n| {
        on_pool(n, wait_for_replies)
    });
}
// ANCHOR_END: bench
