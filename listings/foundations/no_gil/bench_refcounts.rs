extern crate listings;

use std::hint::black_box;
use std::rc::Rc;
use std::sync::Arc;
use std::thread;
use std::time::Duration;

use listings::measure::{Table, best_of_three, ratio, time_each};

// ANCHOR: bench
const CLONES: u64 = 20_000_000; // clone-and-drop pairs per thread, per run

/// The time `threads` threads take to do `CLONES` clone-and-drop pairs each, all at
/// once, each on the `Arc` that `pick` gives it (best of three runs).
fn per_clone(threads: usize, pick: impl Fn(usize) -> Arc<u64> + Sync) -> Duration {
    best_of_three(|| {
        thread::scope(|s| {
            for index in 0..threads {
                let shared = pick(index);
                s.spawn(move || (0..CLONES).for_each(|_| drop(black_box(Arc::clone(&shared)))));
            }
        })
    })
}

fn main() {
    // ANCHOR: setups
    // `Rc`: a plain increment and decrement, on one thread.
    let rc = Rc::new(0_u64);
    let rc_time = best_of_three(|| (0..CLONES).for_each(|_| drop(black_box(Rc::clone(&rc)))));
    // `Arc`: alone; two threads on one `Arc` (both fight over the cache line that
    // holds its count); two threads each on an `Arc` of its own (no fight).
    let one = Arc::new(0_u64);
    let alone = per_clone(1, |_| Arc::clone(&one));
    let shared = per_clone(2, |_| Arc::clone(&one));
    let own = [Arc::new(0_u64), Arc::new(0_u64)];
    let unshared = per_clone(2, |index| Arc::clone(&own[index]));
    // ANCHOR_END: setups

    let columns = ["clone and drop", "time each", "ratio to `Rc`"];
    let mut table = Table::new("clones", "Reference counts", &columns, "best of 3 runs");
    for (name, each) in [
        ("`Rc`, 1 thread", rc_time),
        ("`Arc`, 1 thread", alone),
        ("`Arc`, 2 threads, one shared `Arc`", shared),
        ("`Arc`, 2 threads, an `Arc` each", unshared),
    ] {
        table.row(&[&name, &time_each(each, CLONES), &ratio(each, rc_time)]);
    }
    table.print();
}
// ANCHOR_END: bench
