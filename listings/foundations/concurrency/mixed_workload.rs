extern crate cpu_time;
extern crate tokio;

use std::hint::black_box;
use std::time::{Duration, Instant};

use cpu_time::ProcessTime;
use tokio::runtime::{Builder, Runtime};

// ANCHOR: workload
/// CPU work that the optimizer cannot skip: a chain of multiply-and-xor steps.
pub fn crunch(seed: u64, rounds: u64) -> u64 {
    let mut state = black_box(seed);
    for round in 0..rounds {
        state = (state ^ round)
            .wrapping_mul(0xBF58_476D_1CE4_E5B9)
            .rotate_left(31);
    }
    state
}

/// One job: compute, wait for "the network", compute again.
pub async fn job(id: u64, rounds: u64, wait: Duration) -> u64 {
    let request = crunch(id, rounds);
    tokio::time::sleep(wait).await;
    crunch(request, rounds)
}

/// Runs `jobs` jobs at once on `runtime`; returns (checksum, wall time, CPU time).
pub fn run_batch(
    runtime: &Runtime,
    jobs: u64,
    rounds: u64,
    wait: Duration,
) -> (u64, Duration, Duration) {
    let (wall, cpu) = (Instant::now(), ProcessTime::now());
    let checksum = runtime.block_on(async {
        let handles: Vec<_> = (0..jobs)
            .map(|id| tokio::spawn(job(id, rounds, wait)))
            .collect();
        let mut checksum = 0;
        for handle in handles {
            checksum ^= handle.await.unwrap();
        }
        checksum
    });
    (checksum, wall.elapsed(), cpu.elapsed())
}

fn main() {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let concurrent = Builder::new_current_thread().enable_time().build().unwrap();
    let parallel = Builder::new_multi_thread()
        .worker_threads(cores)
        .enable_time()
        .build()
        .unwrap();

    // A debug build (as under `mdbook test`) computes far more slowly: keep it short.
    let rounds = if cfg!(debug_assertions) {
        1_000_000
    } else {
        40_000_000
    };
    let (jobs, wait) = (8, Duration::from_millis(100));
    for (name, runtime) in [("current_thread", &concurrent), ("multi_thread", &parallel)] {
        let (checksum, wall, cpu) = run_batch(runtime, jobs, rounds, wait);
        println!(
            "{name:>14}: wall {wall:>8.0?}  cpu {cpu:>8.0?}  cpu/wall {:.2}  (checksum {checksum:x})",
            cpu.as_secs_f64() / wall.as_secs_f64()
        );
    }
    println!("{jobs} jobs, {cores} cores; every job waits {wait:?} once");
}
// ANCHOR_END: workload
