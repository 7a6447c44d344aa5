#[cfg(loom)]
use crate::shim::{sync, thread};
#[cfg(not(loom))]
use std::{sync, thread};

use sync::Arc;

// ANCHOR: mailbox
use sync::atomic::Ordering::{self, Relaxed};
use sync::atomic::{AtomicBool, AtomicU64};

/// One value handed from a sending thread to a receiving thread: the value first,
/// then a flag that says "it is there".
pub struct Mailbox {
    value: AtomicU64,
    full: AtomicBool,
}

impl Mailbox {
    pub fn new() -> Self {
        Mailbox {
            value: AtomicU64::new(0),
            full: AtomicBool::new(false),
        }
    }

    /// Writes the value, then raises the flag with the `publish` ordering.
    pub fn send(&self, value: u64, publish: Ordering) {
        self.value.store(value, Relaxed);
        self.full.store(true, publish);
    }

    /// Reads the flag with the `check` ordering; if it is up, reads the value.
    pub fn receive(&self, check: Ordering) -> Option<u64> {
        if self.full.load(check) {
            Some(self.value.load(Relaxed))
        } else {
            None
        }
    }
}
// ANCHOR_END: mailbox

fn main() {
    use Ordering::{Acquire, Release};
    // Release/Acquire on real threads, many times: a receiver that sees the flag
    // always sees the value sent before it.
    for round in 1..=200 {
        let mailbox = Arc::new(Mailbox::new());
        let receiver = {
            let mailbox = Arc::clone(&mailbox);
            thread::spawn(move || {
                loop {
                    if let Some(value) = mailbox.receive(Acquire) {
                        return value;
                    }
                    thread::yield_now();
                }
            })
        };
        mailbox.send(round, Release);
        assert_eq!(receiver.join().unwrap(), round);
    }
}
