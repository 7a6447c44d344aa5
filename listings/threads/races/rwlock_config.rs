#[cfg(loom)]
use crate::shim::{sync, thread};
#[cfg(not(loom))]
use std::{sync, thread};

use sync::{Arc, RwLock};

// ANCHOR: limits
/// Rate limits read on every request and changed by an operator now and then.
/// `burst` must never be below `per_second`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Limits {
    pub per_second: u32,
    pub burst: u32,
}

pub struct LimitsHandle {
    current: RwLock<Limits>,
}

impl LimitsHandle {
    pub fn new(limits: Limits) -> Self {
        LimitsHandle {
            current: RwLock::new(limits),
        }
    }

    /// Any number of threads may hold a read guard at once.
    pub fn get(&self) -> Limits {
        *self.current.read().unwrap()
    }

    /// A writer waits until no reader holds a guard, then has the data alone,
    /// so no reader ever sees `per_second` from one update and `burst` from another.
    pub fn set(&self, per_second: u32, burst: u32) {
        assert!(burst >= per_second, "burst below rate");
        let mut limits = self.current.write().unwrap();
        limits.per_second = per_second;
        limits.burst = burst;
    }
}

fn main() {
    let limits = Arc::new(LimitsHandle::new(Limits {
        per_second: 10,
        burst: 20,
    }));

    // Every update keeps `burst` at exactly twice `per_second`, so a reader that
    // saw any other pair would have seen half of one update and half of another.
    let readers: Vec<_> = (0..3)
        .map(|_| {
            let limits = Arc::clone(&limits);
            thread::spawn(move || {
                for _ in 0..1_000 {
                    let now = limits.get();
                    assert_eq!(now.burst, 2 * now.per_second, "torn read: {now:?}");
                }
            })
        })
        .collect();
    for step in 1..=100 {
        limits.set(step, step * 2);
    }
    for reader in readers {
        reader.join().unwrap();
    }
    let last = Limits {
        per_second: 100,
        burst: 200,
    };
    assert_eq!(limits.get(), last);
}
// ANCHOR_END: limits
