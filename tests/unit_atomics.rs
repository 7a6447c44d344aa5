//! Chapter 6 on real threads: the fixed orderings, run many times.
//!
//! These tests sample executions; they do not explore them as loom does. Each one
//! asserts only what the memory model guarantees, never that the hardware shows a
//! bad outcome (x86-64 hides most of them).

use std::sync::atomic::Ordering::{AcqRel, Acquire, Release, SeqCst};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Barrier};
use std::thread;

use listings::threads::atomics::last_one_out::Results;
use listings::threads::atomics::message_passing::Mailbox;
use listings::threads::atomics::spin_lock::{LockedCount, SpinLock};
use listings::threads::atomics::store_buffering::Flags;

/// Waits until `count` reaches `target`: spins briefly, then yields, so that the
/// test still makes progress on a machine with fewer free cores than threads.
fn wait_for(count: &AtomicUsize, target: usize) {
    let mut spins = 0u32;
    while count.load(Ordering::Acquire) < target {
        if spins < 1_000 {
            spins += 1;
            std::hint::spin_loop();
        } else {
            thread::yield_now();
        }
    }
}

#[test]
fn a_receiver_that_sees_the_flag_sees_the_value() {
    const ROUNDS: usize = 20_000;
    let mailboxes: Vec<Mailbox> = (0..ROUNDS).map(|_| Mailbox::new()).collect();
    let started = AtomicUsize::new(0);
    let received: Vec<u64> = thread::scope(|s| {
        s.spawn(|| {
            for (round, mailbox) in mailboxes.iter().enumerate() {
                started.fetch_add(1, Ordering::Release);
                wait_for(&started, 2 * round + 2);
                mailbox.send(round as u64 + 1, Release);
            }
        });
        // The receiver only records what it got, so that a wrong value cannot
        // leave the sender waiting for a round that never starts.
        let mut received = Vec::with_capacity(ROUNDS);
        for (round, mailbox) in mailboxes.iter().enumerate() {
            started.fetch_add(1, Ordering::Release);
            wait_for(&started, 2 * round + 2);
            received.push(loop {
                if let Some(value) = mailbox.receive(Acquire) {
                    break value;
                }
                std::hint::spin_loop();
            });
        }
        received
    });
    let stale = (1..=ROUNDS as u64)
        .zip(&received)
        .filter(|(sent, got)| sent != *got)
        .count();
    assert_eq!(
        stale, 0,
        "rounds in which the flag was up but the value old"
    );
}

#[test]
fn the_spin_lock_counts_every_increment() {
    let counter = LockedCount::new(SpinLock::new());
    let start = Barrier::new(4);
    thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| {
                start.wait();
                for _ in 0..100_000 {
                    counter.increment();
                }
            });
        }
    });
    assert_eq!(counter.get(), 400_000);
}

#[test]
fn exactly_one_worker_combines_and_it_sees_every_part() {
    for fenced in [false, true] {
        for _ in 0..300 {
            let results = Arc::new(Results::<4>::new());
            let start = Arc::new(Barrier::new(4));
            let workers: Vec<_> = (0..4)
                .map(|i| {
                    let (results, start) = (Arc::clone(&results), Arc::clone(&start));
                    thread::spawn(move || {
                        start.wait();
                        let part = 10 + i as u64;
                        if fenced {
                            results.finish_fenced(i, part)
                        } else {
                            results.finish(i, part, AcqRel)
                        }
                    })
                })
                .collect();
            let combined: Vec<_> = workers
                .into_iter()
                .filter_map(|worker| worker.join().unwrap())
                .collect();
            assert_eq!(combined, [[10, 11, 12, 13]], "fenced: {fenced}");
        }
    }
}

// ANCHOR: store_buffering
/// Two threads step through 50,000 rounds together. In each round each thread
/// raises its flag and looks at the other's with `look`; returns the number of
/// rounds in which both missed the other's flag.
fn rounds_in_which_both_missed(look: fn(&Flags, usize) -> bool) -> usize {
    const ROUNDS: usize = 50_000;
    let rounds: Vec<Flags> = (0..ROUNDS).map(|_| Flags::new()).collect();
    let arrived = AtomicUsize::new(0);
    let run = |me: usize| -> Vec<bool> {
        let mut saw = Vec::with_capacity(ROUNDS);
        for (round, flags) in rounds.iter().enumerate() {
            // Arrive, wait for the other thread, then race it.
            arrived.fetch_add(1, Ordering::AcqRel);
            wait_for(&arrived, 2 * round + 2);
            saw.push(look(flags, me));
        }
        saw
    };
    let (zero, one) = thread::scope(|s| {
        let one = s.spawn(|| run(1));
        (run(0), one.join().unwrap())
    });
    zero.iter().zip(&one).filter(|(z, o)| !**z && !**o).count()
}

#[test]
fn seq_cst_never_lets_both_threads_miss() {
    let missed = rounds_in_which_both_missed(|f, me| f.raise_then_look(me, SeqCst, SeqCst));
    assert_eq!(missed, 0, "rounds in which both threads missed the other");
}

#[test]
fn seq_cst_fences_never_let_both_threads_miss() {
    let missed = rounds_in_which_both_missed(Flags::raise_fence_look);
    assert_eq!(missed, 0, "rounds in which both threads missed the other");
}
// ANCHOR_END: store_buffering
