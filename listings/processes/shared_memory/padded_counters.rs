extern crate crossbeam;

use crossbeam::utils::CachePadded;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::thread;

// ANCHOR: counters
/// One counter per thread, side by side: eight bytes each, so up to eight of
/// them share one 64-byte cache line.
pub struct Packed(pub Vec<AtomicU64>);

/// One counter per thread, each aligned and padded to a cache line of its own
/// (`CachePadded` assumes 128 bytes on x86-64: the CPU fetches lines in pairs).
pub struct Padded(pub Vec<CachePadded<AtomicU64>>);

impl Packed {
    pub fn new(threads: usize) -> Self {
        Packed((0..threads).map(|_| AtomicU64::new(0)).collect())
    }
}

impl Padded {
    pub fn new(threads: usize) -> Self {
        Padded(
            (0..threads)
                .map(|_| CachePadded::new(AtomicU64::new(0)))
                .collect(),
        )
    }
}

/// Thread `i` adds 1 to `counters[i]`, `times` times. No two threads touch the
/// same counter, so there is nothing to synchronise: only the layout differs.
pub fn count(counters: &[&AtomicU64], times: u64) {
    thread::scope(|s| {
        for counter in counters {
            s.spawn(move || {
                for _ in 0..times {
                    counter.fetch_add(1, Relaxed);
                }
            });
        }
    });
}
// ANCHOR_END: counters

fn main() {
    let threads = 4;
    let packed = Packed::new(threads);
    let padded = Padded::new(threads);
    count(&packed.0.iter().collect::<Vec<_>>(), 10_000);
    count(&padded.0.iter().map(|c| &**c).collect::<Vec<_>>(), 10_000);
    assert!(packed.0.iter().all(|c| c.load(Relaxed) == 10_000));
    assert!(padded.0.iter().all(|c| c.load(Relaxed) == 10_000));

    // The layouts are what the comments say.
    let gap = |a: &AtomicU64, b: &AtomicU64| b as *const _ as usize - a as *const _ as usize;
    assert_eq!(gap(&packed.0[0], &packed.0[1]), 8);
    assert!(gap(&padded.0[0], &padded.0[1]) >= 64);
    assert_eq!((&*padded.0[0] as *const AtomicU64 as usize) % 64, 0);
}
