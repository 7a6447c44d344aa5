#[cfg(loom)]
use crate::shim::{sync, thread};
#[cfg(not(loom))]
use std::{sync, thread};

use sync::{Arc, Condvar, Mutex};

// ANCHOR: event
/// A flag that threads can wait for: `set` wakes every waiter, `clear` re-arms it.
pub struct Event {
    state: Mutex<State>,
    changed: Condvar,
}

struct State {
    is_set: bool,
    /// How many times `set` has been called. A waiter that sees this change was
    /// released by a `set`, even if `clear` ran before it woke up.
    sets: u64,
    /// Threads inside `wait`, so a caller can pulse the event once they all wait.
    waiting: usize,
}

impl Event {
    pub fn new() -> Self {
        Event {
            state: Mutex::new(State {
                is_set: false,
                sets: 0,
                waiting: 0,
            }),
            changed: Condvar::new(),
        }
    }

    pub fn set(&self) {
        let mut state = self.state.lock().unwrap();
        state.is_set = true;
        state.sets += 1;
        drop(state);
        self.changed.notify_all();
    }

    pub fn clear(&self) {
        self.state.lock().unwrap().is_set = false;
    }

    pub fn is_set(&self) -> bool {
        self.state.lock().unwrap().is_set
    }

    /// Returns at once if the event is set; otherwise after the next `set`, even if
    /// `clear` is called again before this thread wakes up.
    pub fn wait(&self) {
        let mut state = self.state.lock().unwrap();
        let sets_before = state.sets;
        state.waiting += 1;
        while !state.is_set && state.sets == sets_before {
            state = self.changed.wait(state).unwrap();
        }
        state.waiting -= 1;
    }
}
// ANCHOR_END: event

impl Event {
    /// How many threads are waiting for the event right now.
    pub fn waiting(&self) -> usize {
        self.state.lock().unwrap().waiting
    }
}

fn main() {
    let go = Arc::new(Event::new());
    let workers: Vec<_> = (0..3)
        .map(|_| {
            let go = Arc::clone(&go);
            thread::spawn(move || go.wait())
        })
        .collect();
    // Once all three are waiting, a pulse (set, then clear at once) releases them all.
    while go.waiting() < 3 {
        thread::yield_now();
    }
    go.set();
    go.clear();
    for worker in workers {
        worker.join().unwrap();
    }
    assert!(!go.is_set());
    go.set();
    go.wait(); // a set event lets a late waiter through at once
}
