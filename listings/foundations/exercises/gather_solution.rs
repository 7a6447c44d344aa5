#[cfg(loom)]
use crate::shim::{sync, thread};
#[cfg(not(loom))]
use std::{sync, thread};

use sync::Arc;
use sync::atomic::{AtomicU64, AtomicUsize, Ordering};

// ANCHOR: solution
/// Workers each leave a partial result in their own slot; the last one to finish
/// adds them all up.
pub struct Gather {
    slots: Vec<AtomicU64>,
    /// Workers that have not finished yet.
    remaining: AtomicUsize,
}

impl Gather {
    pub fn new(workers: usize) -> Self {
        Gather {
            slots: (0..workers).map(|_| AtomicU64::new(0)).collect(),
            remaining: AtomicUsize::new(workers),
        }
    }

    /// Worker `worker` (each calls this once) leaves `partial` in its slot. Returns
    /// the sum of every slot if this worker was the last to finish, `None` if not.
    pub fn finish(&self, worker: usize, partial: u64) -> Option<u64> {
        self.slots[worker].store(partial, Ordering::Relaxed);
        // `Release`: this worker's store to its slot happens before its count-out.
        // ANCHOR: answer
        if self.remaining.fetch_sub(1, Ordering::Release) != 1 {
            return None;
        }
        // The last one out: `Acquire` makes every other worker's slot visible, as
        // the last owner of Listing 3-5 does before it frees the object.
        sync::atomic::fence(Ordering::Acquire);
        Some(self.slots.iter().map(|s| s.load(Ordering::Relaxed)).sum())
        // ANCHOR_END: answer
    }
}
// ANCHOR_END: solution

fn main() {
    let gather = Arc::new(Gather::new(4));
    let workers: Vec<_> = (0..4)
        .map(|worker| {
            let gather = Arc::clone(&gather);
            thread::spawn(move || gather.finish(worker, 10 * worker as u64 + 1))
        })
        .collect();
    let totals: Vec<u64> = workers
        .into_iter()
        .filter_map(|w| w.join().unwrap())
        .collect();
    // Exactly one worker was last, and it saw every partial: 1 + 11 + 21 + 31.
    assert_eq!(totals, [64]);
}
