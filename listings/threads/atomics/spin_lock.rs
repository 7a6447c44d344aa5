#[cfg(loom)]
use crate::shim::{hint, sync, thread};
#[cfg(not(loom))]
use std::{hint, sync, thread};

use sync::Arc;

// ANCHOR: spin_lock
use sync::atomic::Ordering::{self, Acquire, Relaxed, Release};
use sync::atomic::{AtomicBool, AtomicU64};

/// A lock that waits by spinning. `lock` must acquire what the previous holder's
/// `unlock` released; the orderings are parameters only so that the litmus tests
/// can weaken them.
pub struct SpinLock {
    locked: AtomicBool,
    on_lock: Ordering,
    on_unlock: Ordering,
}

impl SpinLock {
    pub fn new() -> Self {
        SpinLock::with_orderings(Acquire, Release)
    }

    pub fn with_orderings(on_lock: Ordering, on_unlock: Ordering) -> Self {
        SpinLock {
            locked: AtomicBool::new(false),
            on_lock,
            on_unlock,
        }
    }

    pub fn lock(&self) {
        while self
            .locked
            .compare_exchange_weak(false, true, self.on_lock, Relaxed)
            .is_err()
        {
            // Wait with plain loads until the lock looks free, then try again.
            while self.locked.load(Relaxed) {
                hint::spin_loop();
            }
        }
    }

    pub fn unlock(&self) {
        self.locked.store(false, self.on_unlock);
    }
}

/// A count that only the lock keeps consistent: it is read and written with
/// `Relaxed`, so every guarantee has to come from the lock's orderings.
pub struct LockedCount {
    lock: SpinLock,
    count: AtomicU64,
}

impl LockedCount {
    pub fn new(lock: SpinLock) -> Self {
        LockedCount {
            lock,
            count: AtomicU64::new(0),
        }
    }

    pub fn increment(&self) {
        self.lock.lock();
        let seen = self.count.load(Relaxed);
        self.count.store(seen + 1, Relaxed);
        self.lock.unlock();
    }

    pub fn get(&self) -> u64 {
        self.lock.lock();
        let count = self.count.load(Relaxed);
        self.lock.unlock();
        count
    }
}
// ANCHOR_END: spin_lock

fn main() {
    let counter = Arc::new(LockedCount::new(SpinLock::new()));
    let workers: Vec<_> = (0..4)
        .map(|_| {
            let counter = Arc::clone(&counter);
            thread::spawn(move || {
                for _ in 0..100_000 {
                    counter.increment();
                }
            })
        })
        .collect();
    for worker in workers {
        worker.join().unwrap();
    }
    assert_eq!(counter.get(), 400_000);
}
