#[cfg(loom)]
use crate::shim::{sync, thread};
#[cfg(not(loom))]
use std::{sync, thread};

use std::collections::VecDeque;
use sync::{Arc, Condvar, Mutex};

/// A queue of at most `capacity` items between threads. `push` waits while it is
/// full; `pop` waits while it is empty and open; `close` ends it, like dropping the
/// last sender of a channel.
pub struct Bounded<T> {
    state: Mutex<State<T>>,
    capacity: usize,
    not_empty: Condvar,
    not_full: Condvar,
}

struct State<T> {
    items: VecDeque<T>,
    closed: bool,
}

impl<T> Bounded<T> {
    pub fn new(capacity: usize) -> Self {
        assert!(capacity > 0);
        Bounded {
            state: Mutex::new(State {
                items: VecDeque::new(),
                closed: false,
            }),
            capacity,
            not_empty: Condvar::new(),
            not_full: Condvar::new(),
        }
    }

    // ANCHOR: solution
    /// Waits for room, then adds `item`. Once the queue is closed, returns the item
    /// as `Err` instead.
    pub fn push(&self, item: T) -> Result<(), T> {
        // ANCHOR: answer
        let mut state = self.state.lock().unwrap();
        while state.items.len() == self.capacity && !state.closed {
            state = self.not_full.wait(state).unwrap();
        }
        if state.closed {
            return Err(item);
        }
        state.items.push_back(item);
        drop(state);
        self.not_empty.notify_one();
        Ok(())
        // ANCHOR_END: answer
    }

    /// The oldest item, waiting for one if need be; `None` once the queue is closed
    /// and every item has been taken.
    pub fn pop(&self) -> Option<T> {
        // ANCHOR: answer
        let mut state = self.state.lock().unwrap();
        while state.items.is_empty() && !state.closed {
            state = self.not_empty.wait(state).unwrap();
        }
        let item = state.items.pop_front();
        drop(state);
        if item.is_some() {
            self.not_full.notify_one();
        }
        item
        // ANCHOR_END: answer
    }

    /// No more pushes: waiting producers get their items back, and consumers take
    /// what is left, then `None`.
    pub fn close(&self) {
        // ANCHOR: answer
        self.state.lock().unwrap().closed = true;
        // Every waiter must see the change, not just one of them.
        self.not_empty.notify_all();
        self.not_full.notify_all();
        // ANCHOR_END: answer
    }
    // ANCHOR_END: solution
}

fn main() {
    let queue = Arc::new(Bounded::new(2));
    let producer = {
        let queue = Arc::clone(&queue);
        thread::spawn(move || {
            for item in 0..10 {
                queue.push(item).unwrap();
            }
            queue.close();
        })
    };
    let mut received = Vec::new();
    while let Some(item) = queue.pop() {
        received.push(item);
    }
    producer.join().unwrap();
    assert_eq!(received, (0..10).collect::<Vec<_>>());
    assert_eq!(queue.push(10), Err(10), "a closed queue refuses items");
}
