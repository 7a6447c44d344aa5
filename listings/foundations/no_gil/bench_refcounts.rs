extern crate listings;

use std::hint::black_box;
use std::rc::Rc;
use std::sync::Arc;
use std::thread;

use listings::measure::{METHOD, Table, interleaved, ratios_to, spread};

// ANCHOR: bench
const CLONES: u64 = 10_000_000; // clone-and-drop pairs per thread, per run

/// `threads` threads do `CLONES` clone-and-drop pairs each, all at once, each on the
/// `Arc` that `pick` gives it.
fn clone_on(threads: usize, pick: impl Fn(usize) -> Arc<u64> + Sync) {
    thread::scope(|s| {
        for index in 0..threads {
            let shared = pick(index);
            s.spawn(move || (0..CLONES).for_each(|_| drop(black_box(Arc::clone(&shared)))));
        }
    })
}

fn main() {
    // ANCHOR: setups
    // `Rc`: a plain increment and decrement, on one thread.
    let rc = Rc::new(0_u64);
    // `Arc`: alone; two threads on one `Arc` (both fight over the cache line that
    // holds its count); two threads each on an `Arc` of its own (no fight).
    let one = Arc::new(0_u64);
    let own = [Arc::new(0_u64), Arc::new(0_u64)];
    let ways: [(&str, &dyn Fn()); 4] = [
        ("`Rc`, 1 thread", &|| {
            (0..CLONES).for_each(|_| drop(black_box(Rc::clone(&rc))))
        }),
        ("`Arc`, 1 thread", &|| clone_on(1, |_| Arc::clone(&one))),
        ("`Arc`, 2 threads, one shared `Arc`", &|| {
            clone_on(2, |_| Arc::clone(&one))
        }),
        ("`Arc`, 2 threads, an `Arc` each", &|| {
            clone_on(2, |index| Arc::clone(&own[index]))
        }),
    ];
    // The four ways take turns, round after round.
    let times = interleaved(ways.len(), |way| (ways[way].1)());
    // ANCHOR_END: setups

    let columns = ["clone and drop", "time each", "ratio to `Rc`"];
    let mut table = Table::new("clones", "Reference counts", &columns, METHOD);
    let ratios = ratios_to(&times, 0);
    for (((name, _), each), ratio) in ways.iter().zip(&times).zip(&ratios) {
        table.row(&[name, &spread(&each.each(CLONES)), ratio]);
    }
    table.print();
}
// ANCHOR_END: bench
