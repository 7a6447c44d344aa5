extern crate listings;

use std::thread::available_parallelism;
use std::time::{Duration, Instant};

use listings::foundations::workloads::cpu_bound::{count_primes_parallel, count_primes_strided};
use listings::foundations::workloads::io_bound::serve_all;

// ANCHOR: bench
/// The fastest of three runs: the least disturbed by whatever else the machine did.
fn best_of_three(mut run: impl FnMut()) -> Duration {
    (0..3)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed()
        })
        .min()
        .unwrap()
}

fn report(label: &str, counts: &[usize], mut time: impl FnMut(usize) -> Duration) {
    let baseline = time(1);
    println!("{label}");
    for &count in counts {
        let elapsed = if count == 1 { baseline } else { time(count) };
        let speedup = baseline.as_secs_f64() / elapsed.as_secs_f64();
        println!("  {count:>3}  {elapsed:>9.1?}  speedup {speedup:>5.2}x");
    }
}

fn main() {
    let cores = available_parallelism().map_or(1, |n| n.get());
    println!("{cores} cores\n");

    const LIMIT: u64 = 3_000_000;
    report(
        &format!("CPU-bound: primes below {LIMIT}; threads, time, speedup"),
        &[1, 2, 4, 8],
        |threads| {
            best_of_three(|| {
                std::hint::black_box(count_primes_parallel(std::hint::black_box(LIMIT), threads));
            })
        },
    );

    report(
        "\nThe same, split by stride; threads, time, speedup",
        &[1, 2, 4, 8],
        |threads| {
            best_of_three(|| {
                std::hint::black_box(count_primes_strided(std::hint::black_box(LIMIT), threads));
            })
        },
    );

    const REQUESTS: usize = 64;
    let latency = Duration::from_millis(20);
    report(
        &format!("\nI/O-bound: {REQUESTS} requests of {latency:?} each; workers, time, speedup"),
        &[1, 2, 4, 8, 16, 32, 64],
        |workers| best_of_three(|| drop(serve_all(REQUESTS, workers, latency))),
    );
}
// ANCHOR_END: bench
