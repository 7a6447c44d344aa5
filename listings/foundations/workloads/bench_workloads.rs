extern crate listings;

use std::hint::black_box;
use std::time::Duration;

use listings::foundations::workloads::cpu_bound::{count_primes_parallel, count_primes_strided};
use listings::foundations::workloads::io_bound::serve_all;
use listings::measure::{speedup_table, time};

// ANCHOR: bench
fn main() {
    // ANCHOR: cpu
    const LIMIT: u64 = 2_000_000;
    let title = "CPU-bound: the primes below 2,000,000, split into ranges";
    speedup_table("cpu", title, "threads", &[1, 2, 4, 8], |threads| {
        black_box(count_primes_parallel(black_box(LIMIT), threads));
    });
    // ANCHOR_END: cpu
    let title = "The same count, split by stride";
    speedup_table("strided", title, "threads", &[1, 2, 4, 8], |threads| {
        black_box(count_primes_strided(black_box(LIMIT), threads));
    });

    const REQUESTS: usize = 64;
    let latency = Duration::from_millis(10);
    let title = format!(
        "I/O-bound: {REQUESTS} requests over loopback TCP, each answered after {}",
        time(latency)
    );
    let workers = [1, 2, 4, 8, 16, 32, 64];
    speedup_table("io", title, "workers", &workers, |workers| {
        drop(serve_all(REQUESTS, workers, latency))
    });
}
// ANCHOR_END: bench
