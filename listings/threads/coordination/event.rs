#[cfg(loom)]
use crate::shim::{sync, thread};
#[cfg(not(loom))]
use std::{sync, thread};

use sync::{Arc, Condvar, Mutex};

// ANCHOR: event
/// A flag that threads can wait for: `set` wakes every waiter, `clear` re-arms it.
pub struct Event {
    is_set: Mutex<bool>,
    changed: Condvar,
}

impl Event {
    pub fn new() -> Self {
        Event {
            is_set: Mutex::new(false),
            changed: Condvar::new(),
        }
    }

    pub fn set(&self) {
        *self.is_set.lock().unwrap() = true;
        self.changed.notify_all();
    }

    pub fn clear(&self) {
        *self.is_set.lock().unwrap() = false;
    }

    pub fn is_set(&self) -> bool {
        *self.is_set.lock().unwrap()
    }

    /// Returns at once if the event is set, otherwise when it is next set.
    pub fn wait(&self) {
        let mut is_set = self.is_set.lock().unwrap();
        while !*is_set {
            is_set = self.changed.wait(is_set).unwrap();
        }
    }
}
// ANCHOR_END: event

fn main() {
    let ready = Arc::new(Event::new());
    let workers: Vec<_> = (0..3)
        .map(|_| {
            let ready = Arc::clone(&ready);
            thread::spawn(move || {
                ready.wait();
                assert!(ready.is_set());
            })
        })
        .collect();
    ready.set();
    for worker in workers {
        worker.join().unwrap();
    }
    ready.clear();
    assert!(!ready.is_set());
}
