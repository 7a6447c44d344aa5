extern crate listings;
extern crate rayon;

use std::hint::black_box;
use std::thread;
use std::time::{Duration, Instant};

use listings::choosing::decisions::oversplit::{
    Outcome, chunk_per_thread, round_trip_per_item, sequential, thread_per_item, tiny,
};
use listings::measure::{METHOD, Table, interleaved, ratios_to, separated, spread, time};
use rayon::prelude::*;

// ANCHOR: bench
/// A timed batch lasts at least this long.
const BATCH: Duration = Duration::from_millis(10);

/// A way of splitting the work, with its name.
type Split = (&'static str, Box<dyn Fn(&[u64]) -> Outcome>);

/// How many calls of `run` make a batch long enough that reading the clock costs
/// nothing next to it, judged from one call.
fn calls_per_batch(run: impl Fn()) -> u64 {
    let started = Instant::now();
    run();
    let once = started.elapsed().max(Duration::from_nanos(1));
    (BATCH.as_nanos() / once.as_nanos()).clamp(1, 1_000_000) as u64
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
        let call = |way: usize| assert_eq!((rows[way].1)(black_box(&items)).sum, expected);
        let batches: Vec<u64> = (0..rows.len())
            .map(|way| calls_per_batch(|| call(way)))
            .collect();
        let times = interleaved(rows.len(), |way| (0..batches[way]).for_each(|_| call(way)));
        let per_call: Vec<_> = times
            .iter()
            .zip(&batches)
            .map(|(t, &calls)| t.each(calls))
            .collect();

        let title = format!("A tiny computation on each of {} items", separated(count));
        let columns = ["split", "time", "ratio to sequential"];
        let method = format!(
            "{METHOD}, each run a batch of calls of at least {}",
            time(BATCH)
        );
        let mut table = Table::new(anchor, title, &columns, method);
        let ratios = ratios_to(&per_call, 0);
        for (((name, _), each), ratio) in rows.iter().zip(&per_call).zip(&ratios) {
            table.row(&[name, &spread(each), ratio]);
        }
        table.print();
    }
}
// ANCHOR_END: bench
