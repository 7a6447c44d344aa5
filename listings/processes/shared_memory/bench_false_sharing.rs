extern crate listings;

use listings::measure::best_of_three;
use listings::processes::shared_memory::padded_counters::{Packed, Padded, count};
use std::sync::atomic::AtomicU64;
use std::thread::available_parallelism;

// ANCHOR: bench
fn main() {
    let cores = available_parallelism().map_or(1, |n| n.get());
    let times = 50_000_000;
    println!("{cores} cores, {times} increments per thread, best of 3\n");

    let alone = Packed::new(1);
    let one = best_of_three(|| count(&[&alone.0[0]], times));
    println!("1 thread, 1 counter:               {one:>9.1?}");

    let packed = Packed::new(cores);
    let refs: Vec<&AtomicU64> = packed.0.iter().collect();
    let shared_line = best_of_three(|| count(&refs, times));
    println!("{cores} threads, counters side by side: {shared_line:>9.1?}");

    let padded = Padded::new(cores);
    let refs: Vec<&AtomicU64> = padded.0.iter().map(|c| &**c).collect();
    let own_lines = best_of_three(|| count(&refs, times));
    println!("{cores} threads, CachePadded counters:  {own_lines:>9.1?}");

    // Each thread does the work of the single thread: if they really ran at the
    // same time, the padded run takes as long as the single thread did.
    let overlap = own_lines.as_secs_f64() / one.as_secs_f64();
    println!("\npadded / 1 thread: {overlap:.2} (1.00 if the threads ran fully in parallel)");
    let ratio = shared_line.as_secs_f64() / own_lines.as_secs_f64();
    println!("side by side / padded: {ratio:.2}x on {cores} cores");
}
// ANCHOR_END: bench
