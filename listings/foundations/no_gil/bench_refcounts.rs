extern crate divan;

use std::hint::black_box;
use std::rc::Rc;
use std::sync::Arc;

// ANCHOR: bench
/// One clone and one drop of an `Rc`: a plain increment and decrement.
#[divan::bench]
fn rc_clone_drop(bencher: divan::Bencher) {
    let shared = Rc::new(0_u64);
    bencher.bench_local(|| drop(black_box(Rc::clone(&shared))));
}

/// The same for an `Arc`, on 1 thread (no contention) and on 2 threads cloning one
/// `Arc` at once (both fight over the cache line that holds the count). Samples are
/// long, so that the two threads really do overlap.
#[divan::bench(threads = [1, 2], sample_size = 100_000)]
fn arc_clone_drop(bencher: divan::Bencher) {
    let shared = Arc::new(0_u64);
    bencher.bench(|| drop(black_box(Arc::clone(&shared))));
}

/// 2 threads cloning 2 different `Arc`s: the same atomic work, without the fight.
/// Each thread finds its own `Arc` in a `thread_local!`, a lookup that every
/// iteration here pays on top of the clone and drop.
#[divan::bench(threads = [2], sample_size = 100_000)]
fn arc_clone_drop_unshared(bencher: divan::Bencher) {
    thread_local!(static MINE: Arc<u64> = Arc::new(0));
    bencher.bench(|| MINE.with(|mine| drop(black_box(Arc::clone(mine)))));
}

fn main() {
    divan::main();
}
// ANCHOR_END: bench
