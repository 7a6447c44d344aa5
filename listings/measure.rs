//! Timing helpers shared by the book's benchmark programs (`cargo xtask bench`).

use std::time::{Duration, Instant};

/// The fastest of three runs: the one least disturbed by the rest of the machine.
pub fn best_of_three(mut run: impl FnMut()) -> Duration {
    (0..3)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed()
        })
        .min()
        .unwrap()
}

/// Times `time(n)` for every `n` in `counts` (the first must be 1) and prints each
/// time with its speedup over the first.
pub fn speedup_table(label: &str, counts: &[usize], mut time: impl FnMut(usize) -> Duration) {
    assert_eq!(counts.first(), Some(&1), "the baseline is one thread");
    println!("{label}");
    let times: Vec<Duration> = counts.iter().map(|&n| time(n)).collect();
    for (count, elapsed) in counts.iter().zip(&times) {
        let speedup = times[0].as_secs_f64() / elapsed.as_secs_f64();
        println!("  {count:>3}  {elapsed:>9.1?}  speedup {speedup:>5.2}x");
    }
}
