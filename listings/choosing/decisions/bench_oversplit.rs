extern crate listings;
extern crate rayon;

use std::hint::black_box;
use std::thread;
use std::time::Duration;

use listings::choosing::decisions::oversplit::{
    Outcome, chunk_per_thread, round_trip_per_item, sequential, thread_per_item, tiny,
};
use listings::measure::best_of_three;
use rayon::prelude::*;

// ANCHOR: bench
/// A way of splitting the work, with its name.
type Split = (&'static str, Box<dyn Fn(&[u64]) -> Outcome>);

fn with_rayon(items: &[u64]) -> Outcome {
    let sum = items
        .par_iter()
        .map(|&x| tiny(x))
        .reduce(|| 0, u64::wrapping_add);
    Outcome { sum, handoffs: 0 } // rayon decides how often to split
}

fn main() {
    let cores = thread::available_parallelism().map_or(1, |n| n.get());
    println!("{cores} cores; best of three runs; ratio = time / sequential time");
    for count in [1_000, 10_000_000] {
        let items: Vec<u64> = (0..count).collect();
        let expected = sequential(&items).sum;
        let mut rows: Vec<Split> = vec![
            ("sequential", Box::new(sequential)),
            ("rayon par_iter", Box::new(with_rayon)),
            (
                "one chunk per core",
                Box::new(move |i| chunk_per_thread(i, cores)),
            ),
        ];
        if count <= 1_000 {
            rows.push((
                "a channel round trip per item",
                Box::new(round_trip_per_item),
            ));
            rows.push(("a thread per item", Box::new(thread_per_item)));
        }
        println!("\n{count} items");
        let mut baseline = Duration::ZERO;
        for (name, strategy) in &rows {
            let time = best_of_three(|| {
                assert_eq!(strategy(black_box(&items)).sum, expected);
            });
            if baseline.is_zero() {
                baseline = time;
            }
            let ratio = time.as_secs_f64() / baseline.as_secs_f64();
            println!("  {name:<30} {time:>10.2?}  {ratio:>10.2}x");
        }
    }
}
// ANCHOR_END: bench
