#[cfg(loom)]
use crate::shim::{sync, thread};
#[cfg(not(loom))]
use std::{sync, thread};

// loom's `sync` reuses std's lock results, so the error type always comes from std.
use std::sync::TryLockError;
use sync::Mutex;

pub struct Bank {
    accounts: Vec<Mutex<i64>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Transfer {
    Done,
    Refused,
    /// The second lock was busy on every attempt.
    GaveUp,
}

impl Bank {
    pub fn new(balances: &[i64]) -> Self {
        Bank {
            accounts: balances.iter().map(|&b| Mutex::new(b)).collect(),
        }
    }

    // ANCHOR: backoff
    /// Takes `from`, then only *tries* `to`. If `to` is busy, it lets go of `from`,
    /// steps aside, and starts over: a thread never waits while holding a lock.
    pub fn transfer(&self, from: usize, to: usize, amount: i64, attempts: usize) -> Transfer {
        if from == to {
            return Transfer::Refused;
        }
        for _ in 0..attempts {
            let mut source = self.accounts[from].lock().unwrap();
            let mut target = match self.accounts[to].try_lock() {
                Ok(guard) => guard,
                Err(TryLockError::WouldBlock) => {
                    drop(source);
                    thread::yield_now();
                    continue;
                }
                // A panic while holding an account: give up, as `lock().unwrap()` does.
                Err(TryLockError::Poisoned(poisoned)) => panic!("{poisoned}"),
            };
            if *source < amount {
                return Transfer::Refused;
            }
            *source -= amount;
            *target += amount;
            return Transfer::Done;
        }
        Transfer::GaveUp
    }
    // ANCHOR_END: backoff

    pub fn balances(&self) -> Vec<i64> {
        self.accounts.iter().map(|a| *a.lock().unwrap()).collect()
    }
}

fn main() {
    let bank = Bank::new(&[100, 50]);
    assert_eq!(bank.transfer(0, 1, 30, 3), Transfer::Done);
    assert_eq!(bank.transfer(1, 0, 500, 3), Transfer::Refused);
    assert_eq!(bank.balances(), [70, 80]);
}
