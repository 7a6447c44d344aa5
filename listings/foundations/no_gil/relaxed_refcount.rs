#[cfg(loom)]
use crate::shim::sync;
#[cfg(not(loom))]
use std::sync;

use sync::atomic::{AtomicUsize, Ordering};

// ANCHOR: relaxed
/// Each update is now one indivisible read-modify-write, so no update is lost.
/// But every operation is `Relaxed`: nothing orders the other threads' last uses
/// of the object before the moment it is freed.
pub struct RefCount {
    handles: AtomicUsize,
}

impl RefCount {
    pub fn new(handles: usize) -> Self {
        RefCount {
            handles: AtomicUsize::new(handles),
        }
    }

    pub fn retain(&self) {
        self.handles.fetch_add(1, Ordering::Relaxed);
    }

    pub fn release(&self) -> bool {
        self.handles.fetch_sub(1, Ordering::Relaxed) == 1
    }
}
// ANCHOR_END: relaxed

fn main() {
    let count = RefCount::new(1);
    count.retain();
    assert!(!count.release());
    assert!(count.release());
}
