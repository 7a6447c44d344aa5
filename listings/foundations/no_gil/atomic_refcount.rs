#[cfg(loom)]
use crate::shim::sync;
#[cfg(not(loom))]
use std::sync;

use sync::atomic::{self, AtomicUsize, Ordering};

// ANCHOR: atomic
/// The counting scheme `std::sync::Arc` uses.
pub struct RefCount {
    handles: AtomicUsize,
}

impl RefCount {
    pub fn new(handles: usize) -> Self {
        RefCount {
            handles: AtomicUsize::new(handles),
        }
    }

    /// Whoever clones already holds a handle, so the object cannot be freed meanwhile:
    /// the increment needs no ordering with anything else.
    pub fn retain(&self) {
        self.handles.fetch_add(1, Ordering::Relaxed);
    }

    /// `Release` publishes everything this thread did with the object before letting
    /// go; the last owner's `Acquire` fence makes all of it visible before freeing.
    pub fn release(&self) -> bool {
        if self.handles.fetch_sub(1, Ordering::Release) != 1 {
            return false;
        }
        atomic::fence(Ordering::Acquire);
        true
    }
}
// ANCHOR_END: atomic

fn main() {
    let count = RefCount::new(1);
    count.retain();
    assert!(!count.release());
    assert!(count.release());
}
