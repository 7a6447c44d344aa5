#[cfg(loom)]
use crate::shim::{sync, thread};
#[cfg(not(loom))]
use std::{sync, thread};

use sync::Arc;

// ANCHOR: flags
use sync::atomic::Ordering::{self, Relaxed, SeqCst};
use sync::atomic::{AtomicBool, fence};

/// Two threads, 0 and 1. Each raises its own flag, then looks at the other's.
/// The hope: at least one of them sees the other's flag up.
pub struct Flags {
    raised: [AtomicBool; 2],
}

impl Flags {
    pub fn new() -> Self {
        Flags {
            raised: [AtomicBool::new(false), AtomicBool::new(false)],
        }
    }

    /// Raises flag `me` with `store`, then reads the other flag with `load`.
    pub fn raise_then_look(&self, me: usize, store: Ordering, load: Ordering) -> bool {
        self.raised[me].store(true, store);
        self.raised[1 - me].load(load)
    }

    /// The same with `Relaxed` accesses and a `SeqCst` fence between them.
    pub fn raise_fence_look(&self, me: usize) -> bool {
        self.raised[me].store(true, Relaxed);
        fence(SeqCst);
        self.raised[1 - me].load(Relaxed)
    }
}
// ANCHOR_END: flags

fn main() {
    // SeqCst on real threads: whatever the interleaving, never both false.
    for _ in 0..200 {
        let flags = Arc::new(Flags::new());
        let other = {
            let flags = Arc::clone(&flags);
            thread::spawn(move || flags.raise_then_look(1, SeqCst, SeqCst))
        };
        let mine = flags.raise_then_look(0, SeqCst, SeqCst);
        let theirs = other.join().unwrap();
        assert!(mine || theirs, "both threads missed the other's flag");
    }
}
