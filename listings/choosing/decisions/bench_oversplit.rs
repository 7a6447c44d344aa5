extern crate listings;
extern crate rayon;

use std::hint::black_box;
use std::thread;
use std::time::{Duration, Instant};

use listings::choosing::decisions::oversplit::{
    Outcome, chunk_per_thread, round_trip_per_item, sequential, thread_per_item, tiny,
};
use listings::measure::{Table, best_of_three, ratio, separated, time};
use rayon::prelude::*;

// ANCHOR: bench
/// A timed batch lasts at least this long.
const BATCH: Duration = Duration::from_millis(10);

/// A way of splitting the work, with its name.
type Split = (&'static str, Box<dyn Fn(&[u64]) -> Outcome>);

/// The time of one call: a warm-up call, then the best of three batches of calls, each
/// batch long enough that reading the clock costs nothing next to it.
fn per_call(run: impl Fn()) -> Duration {
    let started = Instant::now();
    run();
    let once = started.elapsed().max(Duration::from_nanos(1));
    let calls = (BATCH.as_nanos() / once.as_nanos()).clamp(1, 1_000_000) as u32;
    best_of_three(|| (0..calls).for_each(|_| run())) / calls
}

fn with_rayon(items: &[u64]) -> Outcome {
    let sum = items
        .par_iter()
        .map(|&x| tiny(x))
        .reduce(|| 0, u64::wrapping_add);
    Outcome { sum, handoffs: 0 } // rayon decides how often to split
}

fn main() {
    let cores = thread::available_parallelism().map_or(1, |n| n.get());
    // ANCHOR: timed
    for (anchor, count) in [("small", 1_000), ("large", 10_000_000)] {
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
        // ANCHOR_END: timed
        let title = format!("A tiny computation on each of {} items", separated(count));
        let columns = ["split", "time", "ratio to sequential"];
        let method = "best of 3 batches of calls, after a warm-up call";
        let mut table = Table::new(anchor, title, &columns, method);
        let mut baseline = Duration::ZERO;
        for (name, strategy) in &rows {
            let took = per_call(|| {
                assert_eq!(strategy(black_box(&items)).sum, expected);
            });
            if baseline.is_zero() {
                baseline = took;
            }
            table.row(&[name, &time(took), &ratio(took, baseline)]);
        }
        table.print();
    }
}
// ANCHOR_END: bench
