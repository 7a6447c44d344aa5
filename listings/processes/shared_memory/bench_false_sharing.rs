extern crate listings;

use listings::measure::{Table, best_of_three, ratio, time};
use listings::processes::shared_memory::padded_counters::{Packed, Padded, count};
use std::sync::atomic::AtomicU64;
use std::thread::available_parallelism;

// ANCHOR: bench
fn main() {
    let cores = available_parallelism().map_or(1, |n| n.get());
    let times = 50_000_000;

    let alone = Packed::new(1);
    let one = best_of_three(|| count(&[&alone.0[0]], times));
    let packed = Packed::new(cores);
    let refs: Vec<&AtomicU64> = packed.0.iter().collect();
    let side_by_side = best_of_three(|| count(&refs, times));
    let padded = Padded::new(cores);
    let refs: Vec<&AtomicU64> = padded.0.iter().map(|c| &**c).collect();
    let own_lines = best_of_three(|| count(&refs, times));

    // Each thread does the work of the single thread: if they really ran at the same
    // time on their own cache lines, the padded run takes as long as one thread did.
    let title = "50,000,000 increments per thread, one counter per thread";
    let columns = ["counters", "time", "ratio to 1 thread"];
    let mut table = Table::new("counters", title, &columns, "best of 3 runs");
    for (name, took) in [
        ("1 thread, 1 counter".to_string(), one),
        (
            format!("{cores} threads, counters side by side"),
            side_by_side,
        ),
        (
            format!("{cores} threads, `CachePadded` counters"),
            own_lines,
        ),
    ] {
        table.row(&[&name, &time(took), &ratio(took, one)]);
    }
    table.print();
}
// ANCHOR_END: bench
