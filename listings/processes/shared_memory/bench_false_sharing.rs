extern crate listings;

use listings::measure::{METHOD, Table, interleaved, ratios_to, separated, spread};
use listings::processes::shared_memory::padded_counters::{Packed, Padded, count};
use std::sync::atomic::AtomicU64;
use std::thread::available_parallelism;

// ANCHOR: bench
fn main() {
    let cores = available_parallelism().map_or(1, |n| n.get());
    let times = 20_000_000;

    let (alone, packed, padded) = (Packed::new(1), Packed::new(cores), Padded::new(cores));
    let ways: [(String, Vec<&AtomicU64>); 3] = [
        ("1 thread, 1 counter".into(), vec![&alone.0[0]]),
        (
            format!("{cores} threads, counters side by side"),
            packed.0.iter().collect(),
        ),
        (
            format!("{cores} threads, `CachePadded` counters"),
            padded.0.iter().map(|c| &**c).collect(),
        ),
    ];
    let took = interleaved(ways.len(), |way| count(&ways[way].1, times));

    // Each thread does the work of the single thread: if they really ran at the same
    // time on their own cache lines, the padded run takes as long as one thread did.
    let title = format!(
        "{} increments per thread, one counter per thread",
        separated(times)
    );
    let columns = ["counters", "time", "ratio to 1 thread"];
    let mut table = Table::new("counters", title, &columns, METHOD);
    let ratios = ratios_to(&took, 0);
    for (((name, _), took), ratio) in ways.iter().zip(&took).zip(&ratios) {
        table.row(&[name, &spread(took), ratio]);
    }
    table.print();
}
// ANCHOR_END: bench
