#[cfg(loom)]
use crate::shim::{sync, thread};
#[cfg(not(loom))]
use std::{sync, thread};

use std::collections::VecDeque;
use sync::{Arc, Condvar, Mutex};

// ANCHOR: queue
/// A queue that holds at most `capacity` items: `push` waits while it is full,
/// `pop` waits while it is empty.
pub struct BoundedQueue<T> {
    items: Mutex<VecDeque<T>>,
    capacity: usize,
    not_empty: Condvar,
    not_full: Condvar,
}

impl<T> BoundedQueue<T> {
    pub fn new(capacity: usize) -> Self {
        assert!(capacity > 0);
        BoundedQueue {
            items: Mutex::new(VecDeque::with_capacity(capacity)),
            capacity,
            not_empty: Condvar::new(),
            not_full: Condvar::new(),
        }
    }

    pub fn push(&self, item: T) {
        let mut items = self.items.lock().unwrap();
        // A loop, not an `if`: a wait can end without a notification (a spurious
        // wake-up), or after another producer has filled the free slot again.
        while items.len() == self.capacity {
            items = self.not_full.wait(items).unwrap();
        }
        items.push_back(item);
        drop(items);
        self.not_empty.notify_one();
    }

    pub fn pop(&self) -> T {
        let mut items = self.items.lock().unwrap();
        loop {
            if let Some(item) = items.pop_front() {
                drop(items);
                self.not_full.notify_one();
                return item;
            }
            // `wait` releases the lock while it sleeps and takes it back before
            // returning, so the check above always runs under the lock.
            items = self.not_empty.wait(items).unwrap();
        }
    }
}
// ANCHOR_END: queue

impl<T> BoundedQueue<T> {
    /// How many items are queued now; the tests check it never exceeds the capacity.
    pub fn len(&self) -> usize {
        self.items.lock().unwrap().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

fn main() {
    let queue = Arc::new(BoundedQueue::new(2));
    let producer = {
        let queue = Arc::clone(&queue);
        thread::spawn(move || (1..=100).for_each(|n| queue.push(n)))
    };
    let received: Vec<u32> = (0..100).map(|_| queue.pop()).collect();
    producer.join().unwrap();
    assert_eq!(received, (1..=100).collect::<Vec<_>>());
}
