extern crate listings;

use std::hint::black_box;
use std::thread::available_parallelism;
use std::time::Duration;

use listings::foundations::workloads::cpu_bound::{count_primes_parallel, count_primes_strided};
use listings::foundations::workloads::io_bound::serve_all;
use listings::measure::{best_of_three, speedup_table};

// ANCHOR: bench
fn main() {
    let cores = available_parallelism().map_or(1, |n| n.get());
    println!("{cores} cores\n");

    const LIMIT: u64 = 3_000_000;
    let label = format!("CPU-bound: primes below {LIMIT}; threads, time, speedup");
    speedup_table(&label, &[1, 2, 4, 8], |threads| {
        best_of_three(|| {
            black_box(count_primes_parallel(black_box(LIMIT), threads));
        })
    });
    speedup_table(
        "\nThe same, split by stride; threads, time, speedup",
        &[1, 2, 4, 8],
        |threads| {
            best_of_three(|| {
                black_box(count_primes_strided(black_box(LIMIT), threads));
            })
        },
    );

    const REQUESTS: usize = 64;
    let latency = Duration::from_millis(20);
    let label =
        format!("\nI/O-bound: {REQUESTS} requests of {latency:?} each; workers, time, speedup");
    speedup_table(&label, &[1, 2, 4, 8, 16, 32, 64], |workers| {
        best_of_three(|| drop(serve_all(REQUESTS, workers, latency)))
    });
}
// ANCHOR_END: bench
