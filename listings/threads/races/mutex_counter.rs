#[cfg(loom)]
use crate::shim::{sync, thread};
#[cfg(not(loom))]
use std::{sync, thread};

use sync::{Arc, Mutex};

// ANCHOR: counter
/// A counter that also remembers the largest batch it was given. The two fields
/// must change together, which no single atomic operation can promise; a lock can.
pub struct MutexCounter {
    state: Mutex<Tally>,
}

#[derive(Default, Clone, Copy, Debug, PartialEq)]
pub struct Tally {
    pub hits: u64,
    pub largest_batch: u64,
}

impl MutexCounter {
    pub fn new() -> Self {
        MutexCounter {
            state: Mutex::new(Tally::default()),
        }
    }

    pub fn add(&self, batch: u64) {
        let mut tally = self.state.lock().unwrap();
        tally.hits += batch;
        tally.largest_batch = tally.largest_batch.max(batch);
    } // `tally` (the guard) is dropped here, and the lock with it.

    pub fn increment(&self) {
        self.add(1);
    }

    pub fn get(&self) -> Tally {
        *self.state.lock().unwrap()
    }
}
// ANCHOR_END: counter

fn main() {
    let counter = Arc::new(MutexCounter::new());
    let workers: Vec<_> = (1..=4)
        .map(|batch| {
            let counter = Arc::clone(&counter);
            thread::spawn(move || {
                for _ in 0..1_000 {
                    counter.add(batch);
                }
            })
        })
        .collect();
    for worker in workers {
        worker.join().unwrap();
    }
    let tally = counter.get();
    assert_eq!(tally.hits, 1_000 * (1 + 2 + 3 + 4));
    assert_eq!(tally.largest_batch, 4);
}
