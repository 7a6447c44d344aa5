//! Chapter 6 under loom: every litmus test, with the outcomes loom reaches.
//!
//! Each test runs one scenario under `loom::model`, records the outcome of every
//! execution loom explores, and asserts the exact set. For a weak ordering the set
//! contains the bad outcome, so the test shows that loom reached it; for the right
//! ordering it contains only good outcomes (and every one of them, so the test also
//! shows that loom explored both orders of the threads).
#![cfg(loom)]

mod loom_outcomes;

use std::collections::BTreeSet;
use std::fmt::Debug;

use listings::shim::sync::Arc;
use listings::shim::sync::atomic::Ordering::{self, AcqRel, Acquire, Relaxed, Release, SeqCst};
use listings::shim::sync::atomic::{AtomicBool, AtomicU64, fence};
use listings::shim::thread;
use listings::threads::atomics::load_buffering::LookFirst;
use listings::threads::atomics::spin_lock::{LockedCount, SpinLock};
use listings::threads::atomics::store_buffering::Flags;
use listings::threads::atomics::{last_one_out::Results, message_passing::Mailbox};
use loom_outcomes::outcomes;

// ANCHOR: message_passing
/// What the receiver saw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Received {
    Nothing,
    Value(u64),
}

/// One thread sends 42; the other receives once, whenever loom lets it run.
fn send_and_receive(publish: Ordering, check: Ordering) -> BTreeSet<Received> {
    outcomes(move || {
        let mailbox = Arc::new(Mailbox::new());
        let receiver = {
            let mailbox = Arc::clone(&mailbox);
            thread::spawn(move || mailbox.receive(check))
        };
        mailbox.send(42, publish);
        match receiver.join().unwrap() {
            None => Received::Nothing,
            Some(value) => Received::Value(value),
        }
    })
}

#[test]
fn a_relaxed_flag_can_arrive_before_the_value() {
    use Received::*;
    let seen = send_and_receive(Relaxed, Relaxed);
    // Value(0): the flag was up, the value was the one from before `send`.
    assert_eq!(seen, BTreeSet::from([Nothing, Value(0), Value(42)]));
}

#[test]
fn release_and_acquire_deliver_the_value_with_the_flag() {
    use Received::*;
    let seen = send_and_receive(Release, Acquire);
    assert_eq!(seen, BTreeSet::from([Nothing, Value(42)]));
}
// ANCHOR_END: message_passing

#[test]
fn release_without_acquire_is_not_enough() {
    use Received::*;
    let seen = send_and_receive(Release, Relaxed);
    assert_eq!(seen, BTreeSet::from([Nothing, Value(0), Value(42)]));
}

#[test]
fn acquire_without_release_is_not_enough() {
    use Received::*;
    let seen = send_and_receive(Relaxed, Acquire);
    assert_eq!(seen, BTreeSet::from([Nothing, Value(0), Value(42)]));
}

// ANCHOR: spin_lock
/// Two threads increment a count once each under the lock; the final count.
fn two_increments(make_lock: fn() -> SpinLock) -> BTreeSet<u64> {
    outcomes(move || {
        let counter = Arc::new(LockedCount::new(make_lock()));
        let other = {
            let counter = Arc::clone(&counter);
            thread::spawn(move || counter.increment())
        };
        counter.increment();
        other.join().unwrap();
        counter.get()
    })
}

#[test]
fn a_relaxed_spin_lock_lets_an_update_vanish() {
    let relaxed = || SpinLock::with_orderings(Relaxed, Relaxed);
    assert_eq!(two_increments(relaxed), BTreeSet::from([1, 2]));
}

/// `SpinLock::new`, as real code would build it: `Acquire` on lock, `Release` on unlock.
#[test]
fn an_acquire_release_spin_lock_keeps_both_updates() {
    assert_eq!(two_increments(SpinLock::new), BTreeSet::from([2]));
}

#[test]
fn half_an_acquire_release_pair_is_not_enough() {
    let release_only = || SpinLock::with_orderings(Relaxed, Release);
    let acquire_only = || SpinLock::with_orderings(Acquire, Relaxed);
    assert_eq!(two_increments(release_only), BTreeSet::from([1, 2]));
    assert_eq!(two_increments(acquire_only), BTreeSet::from([1, 2]));
}
// ANCHOR_END: spin_lock

// ANCHOR: last_one_out
/// What the worker that finished last saw: every part, or some stale zeros.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Combined {
    Complete,
    Stale,
}

/// Three workers (the model's thread and two spawned) store parts 1, 2 and 3.
fn three_workers(finish: fn(&Results<3>, usize, u64) -> Option<[u64; 3]>) -> BTreeSet<Combined> {
    outcomes(move || {
        let results = Arc::new(Results::<3>::new());
        let others: Vec<_> = [1, 2]
            .into_iter()
            .map(|i| {
                let results = Arc::clone(&results);
                thread::spawn(move || finish(&results, i, i as u64 + 1))
            })
            .collect();
        // The model's thread finishes before it joins the others: a join would order
        // their stores before its loads, whatever the orderings.
        let mut combined: Vec<_> = finish(&results, 0, 1).into_iter().collect();
        combined.extend(others.into_iter().filter_map(|o| o.join().unwrap()));
        assert_eq!(combined.len(), 1, "exactly one worker is last");
        if combined[0] == [1, 2, 3] {
            Combined::Complete
        } else {
            Combined::Stale
        }
    })
}
// ANCHOR_END: last_one_out

#[test]
fn release_alone_can_leave_the_last_worker_stale_parts() {
    let seen = three_workers(|r, i, part| r.finish(i, part, Release));
    assert_eq!(seen, BTreeSet::from([Combined::Complete, Combined::Stale]));
}

#[test]
fn acquire_alone_can_leave_the_last_worker_stale_parts() {
    let seen = three_workers(|r, i, part| r.finish(i, part, Acquire));
    assert_eq!(seen, BTreeSet::from([Combined::Complete, Combined::Stale]));
}

#[test]
fn acq_rel_gives_the_last_worker_every_part() {
    let seen = three_workers(|r, i, part| r.finish(i, part, AcqRel));
    assert_eq!(seen, BTreeSet::from([Combined::Complete]));
}

#[test]
fn release_then_an_acquire_fence_gives_the_last_worker_every_part() {
    let seen = three_workers(Results::finish_fenced);
    assert_eq!(seen, BTreeSet::from([Combined::Complete]));
}

// ANCHOR: store_buffering
/// Each thread raises its flag and looks at the other's: (what 0 saw, what 1 saw).
fn both_look(look: fn(&Flags, usize) -> bool) -> BTreeSet<(bool, bool)> {
    outcomes(move || {
        let flags = Arc::new(Flags::new());
        let other = {
            let flags = Arc::clone(&flags);
            thread::spawn(move || look(&flags, 1))
        };
        let zero_saw = look(&flags, 0);
        (zero_saw, other.join().unwrap())
    })
}

const EVERY_OUTCOME: [(bool, bool); 4] =
    [(false, false), (false, true), (true, false), (true, true)];
const SEQUENTIALLY_CONSISTENT: [(bool, bool); 3] = [(false, true), (true, false), (true, true)];

#[test]
fn release_acquire_allows_both_to_miss() {
    let seen = both_look(|f, me| f.raise_then_look(me, Release, Acquire));
    assert_eq!(seen, BTreeSet::from(EVERY_OUTCOME));
}

/// SeqCst forbids (false, false); loom treats SeqCst loads and stores as
/// Release/Acquire and reports it anyway. This test pins down loom's behaviour,
/// not Rust's: it is a false alarm.
#[test]
fn loom_reports_both_missing_under_seq_cst_a_false_alarm() {
    let seen = both_look(|f, me| f.raise_then_look(me, SeqCst, SeqCst));
    assert_eq!(seen, BTreeSet::from(EVERY_OUTCOME));
}

#[test]
fn seq_cst_fences_rule_out_both_missing() {
    let seen = both_look(Flags::raise_fence_look);
    assert_eq!(seen, BTreeSet::from(SEQUENTIALLY_CONSISTENT));
}
// ANCHOR_END: store_buffering

// ANCHOR: load_buffering
/// Each thread reads the other's flag, then raises its own.
fn both_look_first() -> BTreeSet<(bool, bool)> {
    outcomes(|| {
        let flags = Arc::new(LookFirst::new());
        let other = {
            let flags = Arc::clone(&flags);
            thread::spawn(move || flags.look_then_raise(1))
        };
        let zero_saw = flags.look_then_raise(0);
        (zero_saw, other.join().unwrap())
    })
}

/// The memory model allows (true, true) here: each load may read the other
/// thread's later store. Loom never lets a load read a store that its thread has
/// not yet executed, so it never reports that outcome. This test pins down loom's
/// blind spot; it does not claim that the outcome is impossible.
#[test]
fn loom_never_shows_load_buffering_a_blind_spot() {
    let seen = both_look_first();
    assert_eq!(
        seen,
        BTreeSet::from([(false, false), (false, true), (true, false)])
    );
}
// ANCHOR_END: load_buffering

// Where loom's model is stronger than Rust's. Each test below asserts the outcomes
// loom reaches for a litmus whose outcome `Some(0)` or `Some(1)` Rust's model (C++20's)
// allows and loom never shows, to pin down a blind spot of loom (0.7), not to claim
// that the outcome cannot happen. Each also runs a variant without the strong
// operation, in which loom does reach the outcome: so it is that operation, not the
// schedule, that hides it.

/// One thread stores 1 and then 2 to `x`, both `SeqCst`, then raises a `Relaxed`
/// flag; the model's thread, if it sees the flag, reads `x` with `load`.
fn overwritten_then_flagged(load: Ordering) -> BTreeSet<Option<u64>> {
    outcomes(move || {
        let x = Arc::new(AtomicU64::new(0));
        let flag = Arc::new(AtomicBool::new(false));
        let writer = {
            let (x, flag) = (Arc::clone(&x), Arc::clone(&flag));
            thread::spawn(move || {
                x.store(1, SeqCst);
                x.store(2, SeqCst);
                flag.store(true, Relaxed);
            })
        };
        let seen = flag.load(Relaxed).then(|| x.load(load));
        writer.join().unwrap();
        seen
    })
}

/// Rust allows `Some(1)`: the flag is `Relaxed`, so nothing orders the second store
/// before the load, and the single total order of `SeqCst` operations may put the
/// load between the two stores. Loom never lets a `SeqCst` load read a `SeqCst` store
/// that a later `SeqCst` store to the same atomic has overwritten
/// (`match_load_to_stores` in loom's src/rt/atomic.rs), so here its `SeqCst` load is
/// stronger than Rust's, and a bug that needs that read passes loom. An `Acquire` load
/// does read 1.
#[test]
fn loom_never_shows_a_seq_cst_load_reading_an_overwritten_seq_cst_store_a_blind_spot() {
    let seq_cst = overwritten_then_flagged(SeqCst);
    assert_eq!(seq_cst, BTreeSet::from([None, Some(0), Some(2)]));
    let acquire = overwritten_then_flagged(Acquire);
    assert_eq!(acquire, BTreeSet::from([None, Some(0), Some(1), Some(2)]));
}

/// The atomics of a relay: A writes `data` and raises `x`; B, if it sees `x`, raises
/// `y`; C, if it sees `y`, reads `data`.
struct Relay {
    data: AtomicU64,
    x: AtomicBool,
    y: AtomicBool,
}

/// A and B are spawned, C is the model's thread; what C read from `data`, if it read.
fn relay(a: fn(&Relay), b: fn(&Relay), c: fn(&Relay) -> Option<u64>) -> BTreeSet<Option<u64>> {
    outcomes(move || {
        let relay = Arc::new(Relay {
            data: AtomicU64::new(0),
            x: AtomicBool::new(false),
            y: AtomicBool::new(false),
        });
        let spawned = [a, b].map(|step| {
            let relay = Arc::clone(&relay);
            thread::spawn(move || step(&relay))
        });
        let seen = c(&relay);
        for thread in spawned {
            thread.join().unwrap();
        }
        seen
    })
}

/// A releases `x`, B reads it `Relaxed` and releases `y`, C acquires `y`. Rust allows
/// `Some(0)` even with C's `fence(Acquire)`: a fence acquires only through loads its
/// own thread made before it, and C's one load already acquired all that B released,
/// which does not include A's write, since B's load of `x` acquired nothing. Loom's
/// `fence(Acquire)` acquires from every release store that any thread in the fencing
/// thread's past has read (`fence_acq` in loom's src/rt/atomic.rs), A's included, so
/// code built on fences can pass loom and still be wrong.
#[test]
fn loom_never_shows_an_acquire_fence_missing_what_another_thread_read_a_blind_spot() {
    let a = |r: &Relay| {
        r.data.store(1, Relaxed);
        r.x.store(true, Release);
    };
    let b = |r: &Relay| {
        if r.x.load(Relaxed) {
            r.y.store(true, Release);
        }
    };
    let fenced = |r: &Relay| {
        r.y.load(Acquire).then(|| {
            fence(Acquire);
            r.data.load(Relaxed)
        })
    };
    let unfenced = |r: &Relay| r.y.load(Acquire).then(|| r.data.load(Relaxed));
    assert_eq!(relay(a, b, fenced), BTreeSet::from([None, Some(1)]));
    assert_eq!(
        relay(a, b, unfenced),
        BTreeSet::from([None, Some(0), Some(1)])
    );
}

/// A writes `data`, runs `fence(SeqCst)` and raises `x`; B relays `x` to `y`; C runs
/// `fence(SeqCst)` and reads `data`; every access is `Relaxed`. Rust allows `Some(0)`:
/// B has no fence and synchronises with nobody, so nothing puts A's fence before C's
/// in the single total order, and if C's comes first, C may read 0. Loom joins every
/// `SeqCst` fence into one clock in the order the fences ran (`seq_cst_fence` in
/// loom's src/rt/thread.rs); C sees `y` only after A's fence ran, so it always reads 1.
#[test]
fn loom_never_shows_seq_cst_fences_in_the_other_order_a_blind_spot() {
    let a = |r: &Relay| {
        r.data.store(1, Relaxed);
        fence(SeqCst);
        r.x.store(true, Relaxed);
    };
    let b = |r: &Relay| {
        if r.x.load(Relaxed) {
            r.y.store(true, Relaxed);
        }
    };
    let seq_cst = |r: &Relay| {
        r.y.load(Relaxed).then(|| {
            fence(SeqCst);
            r.data.load(Relaxed)
        })
    };
    let acq_rel = |r: &Relay| {
        r.y.load(Relaxed).then(|| {
            fence(AcqRel);
            r.data.load(Relaxed)
        })
    };
    assert_eq!(relay(a, b, seq_cst), BTreeSet::from([None, Some(1)]));
    assert_eq!(
        relay(a, b, acq_rel),
        BTreeSet::from([None, Some(0), Some(1)])
    );
}
