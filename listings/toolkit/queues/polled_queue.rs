#[cfg(loom)]
use crate::shim::{sync, thread};
#[cfg(not(loom))]
use std::{sync, thread};

use std::collections::VecDeque;
use sync::atomic::{AtomicBool, Ordering};
use sync::{Arc, Mutex};

// ANCHOR: polled
/// A `VecDeque` behind a lock, plus a flag that says no more items will come.
pub struct PolledQueue<T> {
    items: Mutex<VecDeque<T>>,
    closed: AtomicBool,
}

impl<T> PolledQueue<T> {
    pub fn new() -> Self {
        PolledQueue {
            items: Mutex::new(VecDeque::new()),
            closed: AtomicBool::new(false),
        }
    }

    pub fn push(&self, item: T) {
        self.items.lock().unwrap().push_back(item);
    }

    /// Called by the producer after its last `push`.
    pub fn close(&self) {
        self.closed.store(true, Ordering::Release);
    }

    /// The next item, or `None` once the queue is closed and empty. Nothing tells
    /// the consumer when an item arrives, so it checks again and again; `idle`
    /// counts the checks that found nothing.
    pub fn pop(&self, idle: &mut u64) -> Option<T> {
        loop {
            // Read the flag *before* looking at the items: if it was already set,
            // the producer's last push came before it, so an empty queue now
            // really is the end.
            let closed = self.closed.load(Ordering::Acquire);
            if let Some(item) = self.items.lock().unwrap().pop_front() {
                return Some(item);
            }
            if closed {
                return None;
            }
            *idle += 1;
            thread::yield_now(); // gives the core away, but still a busy wait
        }
    }
}
// ANCHOR_END: polled

fn main() {
    let queue = Arc::new(PolledQueue::new());
    let producer = {
        let queue = Arc::clone(&queue);
        thread::spawn(move || {
            (1..=1_000).for_each(|n| queue.push(n));
            queue.close();
        })
    };
    let (mut received, mut idle) = (Vec::new(), 0);
    while let Some(n) = queue.pop(&mut idle) {
        received.push(n);
    }
    producer.join().unwrap();
    assert_eq!(received, (1..=1_000).collect::<Vec<u32>>());
    println!("{idle} checks found the queue empty");
}
