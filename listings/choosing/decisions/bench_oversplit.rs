extern crate listings;
extern crate rayon;

use std::hint::black_box;
use std::thread;
use std::time::Duration;

use listings::choosing::decisions::oversplit::{
    Outcome, chunk_per_thread, round_trip_per_item, sequential, thread_per_item, tiny,
};
use listings::measure::{Table, best_of_three, ratio, separated, time};
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
        let title = format!("A tiny computation on each of {} items", separated(count));
        let columns = ["split", "time", "ratio to sequential"];
        let mut table = Table::new(anchor, title, &columns, "best of 3 runs");
        let mut baseline = Duration::ZERO;
        for (name, strategy) in &rows {
            let took = best_of_three(|| {
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
