#[cfg(loom)]
use crate::shim::sync;
#[cfg(not(loom))]
use std::sync;

use sync::atomic::{AtomicUsize, Ordering};

// ANCHOR: naive
/// The bookkeeping half of a reference-counted pointer: how many handles exist.
/// Every step is an atomic access, but each update is a load and a separate store.
pub struct RefCount {
    handles: AtomicUsize,
}

impl RefCount {
    pub fn new(handles: usize) -> Self {
        RefCount {
            handles: AtomicUsize::new(handles),
        }
    }

    /// A handle was cloned.
    pub fn retain(&self) {
        let seen = self.handles.load(Ordering::SeqCst);
        self.handles.store(seen + 1, Ordering::SeqCst);
    }

    /// A handle was dropped. Returns `true` if it was the last one, so the caller
    /// must free the object.
    pub fn release(&self) -> bool {
        let seen = self.handles.load(Ordering::SeqCst);
        // After lost updates the count can already be 0 here: like a C counter,
        // it wraps around instead of stopping the program.
        self.handles.store(seen.wrapping_sub(1), Ordering::SeqCst);
        seen == 1
    }
}
// ANCHOR_END: naive

fn main() {
    // One thread at a time, the count is right: two handles, two releases, one free.
    let count = RefCount::new(1);
    count.retain();
    assert!(!count.release());
    assert!(count.release());
}
