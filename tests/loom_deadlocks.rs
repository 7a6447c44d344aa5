//! Chapter 7 under loom: opposite transfers, three ways.
#![cfg(loom)]

use std::collections::BTreeSet;

use listings::shim::sync::Arc;
use listings::shim::thread;
use listings::threads::deadlocks::try_lock_backoff::Transfer::{self, Done, GaveUp};
use listings::threads::deadlocks::{
    one_lock, ordered_transfer, transfer_deadlock, try_lock_backoff,
};

// The bank is leaked rather than shared through an `Arc`: when loom reports the
// deadlock it unwinds this thread, and dropping a loom `Arc` during that unwinding
// panics again, which aborts the whole test binary (CONTRIBUTING.md).
// ANCHOR: deadlock
#[test]
#[should_panic(expected = "deadlock")]
fn opposite_transfers_deadlock() {
    loom::model(|| {
        let bank: &'static _ = Box::leak(Box::new(transfer_deadlock::Bank::new(&[100, 100])));
        let other = thread::spawn(move || bank.transfer(1, 0, 10));
        bank.transfer(0, 1, 20);
        other.join().unwrap();
    });
}
// ANCHOR_END: deadlock

/// Opposite transfers on two threads: both must succeed, and the money must add up.
fn opposite_transfers_finish<B: Send + Sync + 'static>(
    new_bank: fn(&[i64]) -> B,
    transfer: fn(&B, usize, usize, i64) -> bool,
    balances: fn(&B) -> Vec<i64>,
) {
    loom::model(move || {
        let bank = Arc::new(new_bank(&[100, 100]));
        let other = {
            let bank = Arc::clone(&bank);
            thread::spawn(move || assert!(transfer(&bank, 1, 0, 10)))
        };
        assert!(transfer(&bank, 0, 1, 20));
        other.join().unwrap();
        assert_eq!(balances(&bank), [90, 110]);
    });
}

#[test]
fn ordered_transfers_finish_and_conserve_money() {
    use ordered_transfer::Bank;
    opposite_transfers_finish(Bank::new, Bank::transfer, Bank::balances);
}

#[test]
fn one_lock_transfers_finish_and_conserve_money() {
    use one_lock::Bank;
    opposite_transfers_finish(Bank::new, Bank::transfer, Bank::balances);
}

// ANCHOR: backoff
/// Two opposite transfers that each try `attempts` times; returns what every
/// execution loom explores produced. Money is checked in every execution.
fn backoff_outcomes(attempts: usize) -> BTreeSet<(Transfer, Transfer)> {
    let seen = std::sync::Arc::new(std::sync::Mutex::new(BTreeSet::new()));
    let record = std::sync::Arc::clone(&seen);
    loom::model(move || {
        let bank = Arc::new(try_lock_backoff::Bank::new(&[100, 100]));
        let other = {
            let bank = Arc::clone(&bank);
            thread::spawn(move || bank.transfer(1, 0, 10, attempts))
        };
        let mine = bank.transfer(0, 1, 20, attempts);
        let theirs = other.join().unwrap();
        assert_eq!(
            bank.balances().iter().sum::<i64>(),
            200,
            "money created or destroyed"
        );
        record.lock().unwrap().insert((mine, theirs));
    });
    seen.lock().unwrap().clone()
}

#[test]
fn backoff_never_deadlocks_but_a_transfer_can_give_up() {
    let found = backoff_outcomes(1);
    assert!(found.contains(&(Done, Done)), "{found:?}");
    assert!(
        found.contains(&(Done, GaveUp)) && found.contains(&(GaveUp, Done)),
        "no execution in which one transfer gives up: {found:?}"
    );
}

/// What loom's model shows, not what real threads guarantee: in the model, a thread
/// whose `try_lock` fails releases its first lock before the other thread runs
/// again, and `yield_now` always lets the other thread run. Real threads can both
/// fail their `try_lock` at once and both give up, after any number of attempts.
#[test]
fn in_the_model_one_retry_completes_both_transfers() {
    let found = backoff_outcomes(1);
    assert!(!found.contains(&(GaveUp, GaveUp)), "{found:?}");
    assert_eq!(backoff_outcomes(2), BTreeSet::from([(Done, Done)]));
}
// ANCHOR_END: backoff
