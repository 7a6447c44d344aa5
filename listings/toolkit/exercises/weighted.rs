// no_run: the parts marked todo!() are yours to write
#[cfg(loom)]
use crate::shim::{sync, thread};
#[cfg(not(loom))]
use std::{sync, thread};

use sync::atomic::{AtomicUsize, Ordering};
use sync::{Arc, Condvar, Mutex};

// ANCHOR: exercise
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
        todo!("wait until enough permits are free, then take them")
    }
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        todo!("give the permits back, and wake whoever may now go ahead")
    }
}
// ANCHOR_END: exercise

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
