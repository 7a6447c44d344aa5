extern crate cpu_time;
extern crate listings;
extern crate tokio;

use std::time::{Duration, Instant};

use cpu_time::ProcessTime;
use listings::foundations::concurrency::mixed_jobs::run_batch;
use tokio::runtime::Builder;

// ANCHOR: bench
fn main() {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let concurrent = Builder::new_current_thread().enable_time().build().unwrap();
    let parallel = Builder::new_multi_thread()
        .worker_threads(cores)
        .enable_time()
        .build()
        .unwrap();

    let (jobs, rounds, wait) = (8, 40_000_000, Duration::from_millis(100));
    for (name, runtime) in [("current_thread", &concurrent), ("multi_thread", &parallel)] {
        // Two clocks: the time that passed, and the CPU time of all threads together.
        let (wall, cpu) = (Instant::now(), ProcessTime::now());
        let checksum = runtime.block_on(run_batch(jobs, rounds, wait));
        let (wall, cpu) = (wall.elapsed(), cpu.elapsed());
        println!(
            "{name:>14}: wall {wall:>8.0?}  cpu {cpu:>8.0?}  cpu/wall {:.2}  (checksum {checksum:x})",
            cpu.as_secs_f64() / wall.as_secs_f64()
        );
    }
    println!("{jobs} jobs, {cores} cores; every job waits {wait:?} once");
}
// ANCHOR_END: bench
