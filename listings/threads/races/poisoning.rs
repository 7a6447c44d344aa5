use std::sync::{Arc, Mutex, PoisonError};
use std::thread;

// ANCHOR: poison
/// Two balances whose sum never changes: money only moves between them.
#[derive(Debug)]
pub struct Ledger {
    pub checking: i64,
    pub savings: i64,
}

impl Ledger {
    pub const TOTAL: i64 = 100;

    pub fn is_consistent(&self) -> bool {
        self.checking + self.savings == Self::TOTAL
    }
}

/// Moves `amount` to savings, but panics halfway for amounts over the limit,
/// after the money has left checking and before it reaches savings.
pub fn move_to_savings(ledger: &Mutex<Ledger>, amount: i64) {
    let mut ledger = ledger.lock().unwrap();
    ledger.checking -= amount;
    assert!(amount <= 50, "transfer of {amount} is over the limit");
    ledger.savings += amount;
}

fn main() {
    let ledger = Arc::new(Mutex::new(Ledger {
        checking: 100,
        savings: 0,
    }));
    move_to_savings(&ledger, 20);

    let worker = {
        let ledger = Arc::clone(&ledger);
        thread::spawn(move || move_to_savings(&ledger, 60))
    };
    assert!(
        worker.join().is_err(),
        "the worker panicked while holding the lock"
    );

    // Every later `lock()` reports the poison; the data is still reachable.
    assert!(ledger.is_poisoned());
    let mut books = ledger.lock().unwrap_or_else(PoisonError::into_inner);
    // The 60 left checking and never reached savings.
    assert_eq!((books.checking, books.savings), (20, 20));
    assert!(!books.is_consistent());

    // Repair the invariant (here, by undoing the half-done transfer),
    // then tell the mutex that it holds good data again.
    books.checking = Ledger::TOTAL - books.savings;
    drop(books);
    ledger.clear_poison();
    move_to_savings(&ledger, 30);
    let books = ledger.lock().unwrap();
    assert_eq!((books.checking, books.savings), (50, 50));
}
// ANCHOR_END: poison
