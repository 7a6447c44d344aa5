extern crate listings;
extern crate rayon;

use std::collections::HashMap;
use std::thread;
use std::time::Duration;

use listings::foundations::workloads::cpu_bound::is_prime;
use listings::measure::speedup_table;
use rayon::ThreadPoolBuilder;
use rayon::prelude::*;

// ANCHOR: bench
// ANCHOR: pool
/// Times `job` on a rayon pool of each size, the pools built before the timing starts.
fn on_pools(anchor: &'static str, title: &str, sizes: &[usize], job: impl Fn() + Sync) {
    let pools: HashMap<usize, _> = sizes
        .iter()
        .map(|&threads| {
            let pool = ThreadPoolBuilder::new().num_threads(threads).build();
            (threads, pool.unwrap())
        })
        .collect();
    speedup_table(anchor, title, "threads", sizes, |threads| {
        pools[&threads].install(&job)
    });
}
// ANCHOR_END: pool

fn main() {
    let count_primes = || {
        let found = (0..2_000_000_u64)
            .into_par_iter()
            .filter(|&n| is_prime(n))
            .count();
        std::hint::black_box(found);
    };
    let title = "CPU-bound: the primes below 2,000,000 on a rayon pool";
    on_pools("cpu", title, &[1, 2, 4, 8, 16], count_primes);

    let wait_for_replies = || {
        (0..64)
            .into_par_iter()
            .for_each(|_| thread::sleep(Duration::from_millis(5)));
    };
    let title = "I/O-bound: 64 waits of 5 ms on a rayon pool";
    on_pools("io", title, &[1, 2, 4, 8, 16, 32, 64], wait_for_replies);
}
// ANCHOR_END: bench
