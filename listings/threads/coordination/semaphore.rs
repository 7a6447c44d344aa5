#[cfg(loom)]
use crate::shim::{sync, thread};
#[cfg(not(loom))]
use std::{sync, thread};

use sync::{Arc, Condvar, Mutex};

// ANCHOR: semaphore
/// At most `permits` holders at a time. std has no semaphore; this is one built from
/// a `Mutex` and a `Condvar`, with a guard that gives the permit back when dropped.
pub struct Semaphore {
    available: Mutex<usize>,
    returned: Condvar,
}

pub struct Permit<'a> {
    semaphore: &'a Semaphore,
}

impl Semaphore {
    pub fn new(permits: usize) -> Self {
        Semaphore {
            available: Mutex::new(permits),
            returned: Condvar::new(),
        }
    }

    /// Waits until a permit is free and takes it.
    pub fn acquire(&self) -> Permit<'_> {
        let mut available = self.available.lock().unwrap();
        while *available == 0 {
            available = self.returned.wait(available).unwrap();
        }
        *available -= 1;
        Permit { semaphore: self }
    }
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        *self.semaphore.available.lock().unwrap() += 1;
        self.semaphore.returned.notify_one();
    }
}
// ANCHOR_END: semaphore

fn main() {
    let pool = Arc::new(Semaphore::new(2));
    let clients: Vec<_> = (0..6)
        .map(|_| {
            let pool = Arc::clone(&pool);
            thread::spawn(move || {
                let _permit = pool.acquire(); // held until the end of this closure
                thread::yield_now();
            })
        })
        .collect();
    for client in clients {
        client.join().unwrap();
    }
    assert_eq!(*pool.available.lock().unwrap(), 2, "every permit came back");
}
