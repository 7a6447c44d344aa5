#[cfg(loom)]
use crate::shim::sync;
#[cfg(not(loom))]
use std::sync;

use sync::Mutex;

// ANCHOR: one_lock
/// Every balance behind one lock: a transfer never holds one lock while waiting for
/// another, because there is no other. The price: transfers between unrelated
/// accounts wait for each other too.
pub struct Bank {
    accounts: Mutex<Vec<i64>>,
}

impl Bank {
    pub fn new(balances: &[i64]) -> Self {
        Bank {
            accounts: Mutex::new(balances.to_vec()),
        }
    }

    pub fn transfer(&self, from: usize, to: usize, amount: i64) -> bool {
        let mut accounts = self.accounts.lock().unwrap();
        if from == to || accounts[from] < amount {
            return false;
        }
        accounts[from] -= amount;
        accounts[to] += amount;
        true
    }

    pub fn balances(&self) -> Vec<i64> {
        self.accounts.lock().unwrap().clone()
    }
}
// ANCHOR_END: one_lock

fn main() {
    let bank = Bank::new(&[100, 50]);
    assert!(bank.transfer(0, 1, 30));
    assert_eq!(bank.balances(), [70, 80]);
}
