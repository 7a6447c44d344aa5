#[cfg(loom)]
use crate::shim::{sync, thread};
#[cfg(not(loom))]
use std::{sync, thread};

use sync::Arc;

// ANCHOR: results
use sync::atomic::Ordering::{self, Acquire, Relaxed, Release};
use sync::atomic::{AtomicU64, AtomicUsize, fence};

/// `N` workers each store one part; whichever of them finishes last combines them.
pub struct Results<const N: usize> {
    parts: [AtomicU64; N],
    finished: AtomicUsize,
}

impl<const N: usize> Results<N> {
    pub fn new() -> Self {
        Results {
            parts: std::array::from_fn(|_| AtomicU64::new(0)),
            finished: AtomicUsize::new(0),
        }
    }

    /// Stores part `i`, then counts this worker as finished with the `order`
    /// ordering. The last worker gets every part back.
    pub fn finish(&self, i: usize, part: u64, order: Ordering) -> Option<[u64; N]> {
        self.parts[i].store(part, Relaxed);
        if self.finished.fetch_add(1, order) == N - 1 {
            Some(self.collect())
        } else {
            None
        }
    }

    /// The same with `Release` on every increment and an `Acquire` fence that
    /// only the last worker pays for.
    pub fn finish_fenced(&self, i: usize, part: u64) -> Option<[u64; N]> {
        self.parts[i].store(part, Relaxed);
        if self.finished.fetch_add(1, Release) == N - 1 {
            fence(Acquire);
            Some(self.collect())
        } else {
            None
        }
    }

    fn collect(&self) -> [u64; N] {
        std::array::from_fn(|i| self.parts[i].load(Relaxed))
    }
}
// ANCHOR_END: results

fn main() {
    // Four workers, each part i + 1; exactly one worker combines, and it sees all.
    for fenced in [false, true] {
        let results = Arc::new(Results::<4>::new());
        let workers: Vec<_> = (0..4)
            .map(|i| {
                let results = Arc::clone(&results);
                thread::spawn(move || {
                    let part = i as u64 + 1;
                    if fenced {
                        results.finish_fenced(i, part)
                    } else {
                        results.finish(i, part, Ordering::AcqRel)
                    }
                })
            })
            .collect();
        let combined: Vec<_> = workers
            .into_iter()
            .filter_map(|worker| worker.join().unwrap())
            .collect();
        assert_eq!(combined, [[1, 2, 3, 4]]);
    }
}
