#[cfg(loom)]
use crate::shim::sync;
#[cfg(not(loom))]
use std::sync;

use sync::Mutex;

pub struct Bank {
    accounts: Vec<Mutex<i64>>,
}

impl Bank {
    pub fn new(balances: &[i64]) -> Self {
        Bank {
            accounts: balances.iter().map(|&b| Mutex::new(b)).collect(),
        }
    }

    // ANCHOR: fix
    /// Always locks the account with the lower index first, whichever way the money
    /// moves: every thread takes the locks in one global order, so no cycle of
    /// threads waiting on each other can form.
    pub fn transfer(&self, from: usize, to: usize, amount: i64) -> bool {
        if from == to {
            return false;
        }
        let (low, high) = (from.min(to), from.max(to));
        let mut low_guard = self.accounts[low].lock().unwrap();
        let mut high_guard = self.accounts[high].lock().unwrap();
        let (source, target) = if from == low {
            (&mut *low_guard, &mut *high_guard)
        } else {
            (&mut *high_guard, &mut *low_guard)
        };
        if *source < amount {
            return false;
        }
        *source -= amount;
        *target += amount;
        true
    }
    // ANCHOR_END: fix

    pub fn balances(&self) -> Vec<i64> {
        self.accounts.iter().map(|a| *a.lock().unwrap()).collect()
    }
}

fn main() {
    let bank = Bank::new(&[100, 50]);
    assert!(bank.transfer(0, 1, 30));
    assert!(bank.transfer(1, 0, 10));
    assert_eq!(bank.balances(), [80, 70]);
}
