#[cfg(loom)]
use crate::shim::sync;
#[cfg(not(loom))]
use std::sync;

use sync::Mutex;

// ANCHOR: bug
pub struct Bank {
    accounts: Vec<Mutex<i64>>,
}

impl Bank {
    pub fn new(balances: &[i64]) -> Self {
        Bank {
            accounts: balances.iter().map(|&b| Mutex::new(b)).collect(),
        }
    }

    /// Moves `amount` if `from` can afford it. Locks `from`, then `to`: two opposite
    /// transfers at once can each hold one lock and wait forever for the other.
    pub fn transfer(&self, from: usize, to: usize, amount: i64) -> bool {
        if from == to {
            return false;
        }
        let mut source = self.accounts[from].lock().unwrap();
        let mut target = self.accounts[to].lock().unwrap();
        if *source < amount {
            return false;
        }
        *source -= amount;
        *target += amount;
        true
    }

    pub fn balances(&self) -> Vec<i64> {
        self.accounts.iter().map(|a| *a.lock().unwrap()).collect()
    }
}
// ANCHOR_END: bug

fn main() {
    // One thread at a time, nothing can go wrong.
    let bank = Bank::new(&[100, 50]);
    assert!(bank.transfer(0, 1, 30));
    assert!(bank.transfer(1, 0, 10));
    assert!(!bank.transfer(1, 0, 500), "refused: not enough money");
    assert_eq!(bank.balances(), [80, 70]);
}
