//! Chapter 22 under loom: the ticket counter, bug and fix, and two limits of loom's
//! model that the chapter names.
#![cfg(loom)]

mod loom_outcomes;

use std::cell::Cell;
use std::collections::BTreeSet;

use listings::shim::sync::Arc;
use listings::shim::sync::atomic::AtomicU64;
use listings::shim::sync::atomic::Ordering::Relaxed;
use listings::shim::thread;
use listings::testing::testing::{tickets, tickets_racy};
use loom_outcomes::outcomes;

// ANCHOR: model
/// Two buyers, the model's thread and one spawned, take one ticket each from a roll
/// of two.
fn two_buyers<T: Send + Sync + 'static>(tickets: T, take: fn(&T) -> Option<u32>) {
    let tickets = Arc::new(tickets);
    let other = {
        let tickets = Arc::clone(&tickets);
        thread::spawn(move || take(&tickets))
    };
    let mine = take(&tickets);
    let theirs = other.join().unwrap();
    assert!(mine.is_some() && theirs.is_some(), "a buyer got no ticket");
    assert_ne!(mine, theirs, "both buyers got ticket {mine:?}");
}

#[test]
#[should_panic(expected = "both buyers got ticket Some(0)")]
fn load_then_store_sells_a_ticket_twice() {
    loom::model(|| two_buyers(tickets_racy::Tickets::new(2), tickets_racy::Tickets::take));
}

#[test]
fn fetch_update_sells_each_ticket_once() {
    loom::model(|| two_buyers(tickets::Tickets::new(2), tickets::Tickets::take));
}
// ANCHOR_END: model

/// One thread stores 1, 2, ..., 8 into `x` and then raises `flag`; the model's thread,
/// if it sees the flag, reads `x`. Every access is `Relaxed`, so nothing orders the
/// stores before that read, and Rust allows it to return any value `x` ever held, 0
/// included. Loom keeps only the last seven values stored to an atomic (the initial
/// value counts as one): it never returns 0 or 1 here. This test describes loom, not
/// Rust: a bug that needs a read that far back passes loom.
#[test]
fn loom_keeps_seven_values_of_an_atomic_a_blind_spot() {
    let seen = outcomes(|| {
        let (x, flag) = (Arc::new(AtomicU64::new(0)), Arc::new(AtomicU64::new(0)));
        let writer = {
            let (x, flag) = (Arc::clone(&x), Arc::clone(&flag));
            thread::spawn(move || {
                (1..=8).for_each(|value| x.store(value, Relaxed));
                flag.store(1, Relaxed);
            })
        };
        let read = (flag.load(Relaxed) == 1).then(|| x.load(Relaxed));
        writer.join().unwrap();
        read
    });
    let mut expected: BTreeSet<Option<u64>> = (2..=8).map(Some).collect();
    expected.insert(None);
    assert_eq!(seen, expected);
}

/// One thread stores 1 into `x`; the model's thread reads `x`, yields, and reads it
/// again. Once the store has happened, Rust still allows both reads to return 0: a
/// read may return an old value again as long as its thread has not seen a newer
/// one. Loom lets the first read return the old 0, but a thread that yielded does not
/// read again a value it saw before the yield, so after the store loom never shows
/// (0, 0). This test describes loom, not Rust: a spin loop that passes loom may spin
/// longer on real threads. (Whether the store has happened is recorded outside loom's
/// view, in a thread-local: loom runs every thread of a model on the test's thread.)
#[test]
fn loom_never_rereads_a_stale_value_after_a_yield_a_blind_spot() {
    thread_local! {
        static STORED: Cell<bool> = const { Cell::new(false) };
    }
    let seen = outcomes(|| {
        STORED.set(false);
        let x = Arc::new(AtomicU64::new(0));
        let writer = {
            let x = Arc::clone(&x);
            thread::spawn(move || {
                x.store(1, Relaxed);
                STORED.set(true);
            })
        };
        let first = x.load(Relaxed);
        // No step of loom's between the read and this line: true if the store came first.
        let stored = STORED.get();
        thread::yield_now();
        let second = x.load(Relaxed);
        writer.join().unwrap();
        (stored, first, second)
    });
    let after_the_store: BTreeSet<_> = seen.into_iter().filter(|&(stored, ..)| stored).collect();
    // A stale first read, yes; a stale read after the yield, never.
    assert_eq!(
        after_the_store,
        BTreeSet::from([(true, 0, 1), (true, 1, 1)])
    );
}
