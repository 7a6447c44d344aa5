extern crate tokio;

use std::hint::black_box;
use std::time::Duration;

use tokio::runtime::Builder;
use tokio::time::Instant;

// ANCHOR: jobs
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

/// Starts `jobs` jobs at once as tasks of the current runtime, waits for all of
/// them, and combines their results into one checksum.
pub async fn run_batch(jobs: u64, rounds: u64, wait: Duration) -> u64 {
    let handles: Vec<_> = (0..jobs)
        .map(|id| tokio::spawn(job(id, rounds, wait)))
        .collect();
    let mut checksum = 0;
    for handle in handles {
        checksum ^= handle.await.unwrap();
    }
    checksum
}

fn main() {
    let (jobs, rounds, wait) = (8, 100_000, Duration::from_millis(100));
    // The reference: the same jobs one after another, with no runtime at all.
    let expected = (0..jobs).fold(0, |acc, id| acc ^ crunch(crunch(id, rounds), rounds));

    // Concurrent: every task on this one thread. The clock is paused, so it moves
    // only when every task is waiting: the time it shows is waiting, not computing.
    let concurrent = Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build()
        .unwrap();
    let (checksum, waited) = concurrent.block_on(async {
        let start = Instant::now();
        let checksum = run_batch(jobs, rounds, wait).await;
        (checksum, start.elapsed())
    });
    assert_eq!(checksum, expected);
    // Eight waits of 100 ms overlapped into one.
    assert_eq!(waited, wait);

    // Parallel: the same tasks spread over two worker threads, on the real clock.
    let parallel = Builder::new_multi_thread()
        .worker_threads(2)
        .enable_time()
        .build()
        .unwrap();
    assert_eq!(parallel.block_on(run_batch(jobs, rounds, wait)), expected);
}
// ANCHOR_END: jobs
