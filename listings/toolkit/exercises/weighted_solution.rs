#[cfg(loom)]
use crate::shim::{sync, thread};
#[cfg(not(loom))]
use std::{sync, thread};

use sync::atomic::{AtomicUsize, Ordering};
use sync::{Arc, Condvar, Mutex};

// ANCHOR: solution
/// A semaphore whose holders take several permits at once: a job that needs three
/// connections takes three, or waits until three are free.
pub struct Semaphore {
    capacity: usize,
    available: Mutex<usize>,
    returned: Condvar,
}

/// `permits` permits, given back when dropped.
pub struct Permit<'a> {
    semaphore: &'a Semaphore,
    permits: usize,
}

impl Semaphore {
    pub fn new(capacity: usize) -> Self {
        Semaphore {
            capacity,
            available: Mutex::new(capacity),
            returned: Condvar::new(),
        }
    }

    /// Waits until `permits` permits are free and takes them all at once.
    /// Panics if `permits` is more than the semaphore will ever have.
    pub fn acquire(&self, permits: usize) -> Permit<'_> {
        assert!(
            permits <= self.capacity,
            "{permits} permits asked of {}",
            self.capacity
        );
        // ANCHOR: answer
        let mut available = self.available.lock().unwrap();
        // All or nothing: taking them one by one, two holders could each end up
        // with part of what they need, and wait for each other for ever. Not in
        // order: smaller requests may go ahead of this one while it waits.
        while *available < permits {
            available = self.returned.wait(available).unwrap();
        }
        *available -= permits;
        Permit {
            semaphore: self,
            permits,
        }
        // ANCHOR_END: answer
    }
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        // ANCHOR: answer
        *self.semaphore.available.lock().unwrap() += self.permits;
        // Waiters need different numbers of permits: `notify_one` might wake one
        // that still cannot go ahead while another that could sleeps on. Wake all,
        // and let each check.
        self.semaphore.returned.notify_all();
        // ANCHOR_END: answer
    }
}
// ANCHOR_END: solution

fn main() {
    let semaphore = Arc::new(Semaphore::new(3));
    let in_use = Arc::new(AtomicUsize::new(0));
    let most = Arc::new(AtomicUsize::new(0));
    let jobs: Vec<_> = [1, 2, 3, 2, 1]
        .into_iter()
        .map(|permits| {
            let (semaphore, in_use, most) = (semaphore.clone(), in_use.clone(), most.clone());
            thread::spawn(move || {
                let _permit = semaphore.acquire(permits);
                let now = in_use.fetch_add(permits, Ordering::SeqCst) + permits;
                most.fetch_max(now, Ordering::SeqCst);
                in_use.fetch_sub(permits, Ordering::SeqCst);
            })
        })
        .collect();
    for job in jobs {
        job.join().unwrap();
    }
    assert!(
        most.load(Ordering::SeqCst) <= 3,
        "more than 3 permits out at once"
    );
}
