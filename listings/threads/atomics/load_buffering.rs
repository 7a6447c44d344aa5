#[cfg(loom)]
use crate::shim::{sync, thread};
#[cfg(not(loom))]
use std::{sync, thread};

use sync::Arc;

// ANCHOR: flags
use sync::atomic::AtomicBool;
use sync::atomic::Ordering::Relaxed;

/// Two threads, 0 and 1. Each first reads the other's flag, then raises its own.
pub struct LookFirst {
    raised: [AtomicBool; 2],
}

impl LookFirst {
    pub fn new() -> Self {
        LookFirst {
            raised: [AtomicBool::new(false), AtomicBool::new(false)],
        }
    }

    /// Reads the other flag, then raises flag `me`; both `Relaxed`.
    pub fn look_then_raise(&self, me: usize) -> bool {
        let saw = self.raised[1 - me].load(Relaxed);
        self.raised[me].store(true, Relaxed);
        saw
    }

    /// Both flags, read after the threads are joined.
    pub fn both_raised(&self) -> bool {
        self.raised.iter().all(|flag| flag.load(Relaxed))
    }
}
// ANCHOR_END: flags

fn main() {
    // What any run guarantees: each thread saw a bool, and after `join` both flags
    // are up. Whether both threads can see `true` is what the text discusses.
    let flags = Arc::new(LookFirst::new());
    let other = {
        let flags = Arc::clone(&flags);
        thread::spawn(move || flags.look_then_raise(1))
    };
    let _zero_saw = flags.look_then_raise(0);
    let _one_saw = other.join().unwrap();
    assert!(flags.both_raised());
}
