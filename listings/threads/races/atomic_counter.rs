#[cfg(loom)]
use crate::shim::{sync, thread};
#[cfg(not(loom))]
use std::{sync, thread};

use sync::Arc;
use sync::atomic::{AtomicU64, Ordering};

// ANCHOR: counter
/// The same counter with the read and the write fused into one indivisible step.
pub struct AtomicCounter {
    hits: AtomicU64,
}

impl AtomicCounter {
    pub fn new() -> Self {
        AtomicCounter {
            hits: AtomicU64::new(0),
        }
    }

    pub fn increment(&self) {
        // No other access to `hits` can land between this read and this write.
        self.hits.fetch_add(1, Ordering::Relaxed);
    }

    pub fn get(&self) -> u64 {
        self.hits.load(Ordering::Relaxed)
    }
}
// ANCHOR_END: counter

fn main() {
    let counter = Arc::new(AtomicCounter::new());
    let workers: Vec<_> = (0..4)
        .map(|_| {
            let counter = Arc::clone(&counter);
            thread::spawn(move || {
                for _ in 0..100_000 {
                    counter.increment();
                }
            })
        })
        .collect();
    for worker in workers {
        worker.join().unwrap();
    }
    assert_eq!(counter.get(), 400_000);
}
