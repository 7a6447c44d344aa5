//! Chapter 5 under loom: every interleaving of two threads, bug and fix alike.
#![cfg(loom)]

use listings::shim::sync::Arc;
use listings::shim::thread;
use listings::threads::races::{
    atomic_counter::AtomicCounter, lock_once, lost_update::RacyCounter,
    mutex_counter::MutexCounter, mutex_counter::Tally, rwlock_config::Limits,
    rwlock_config::LimitsHandle, self_deadlock,
};

// ANCHOR: lost_update
/// Two threads increment one counter once each; returns the final count.
fn two_increments<C: Send + Sync + 'static>(
    counter: C,
    increment: fn(&C),
    get: fn(&C) -> u64,
) -> u64 {
    let counter = Arc::new(counter);
    let other = {
        let counter = Arc::clone(&counter);
        thread::spawn(move || increment(&counter))
    };
    increment(&counter);
    other.join().unwrap();
    get(&counter)
}

fn assert_no_lost_update(total: u64) {
    assert!(
        total == 2,
        "lost update: two increments, final count {total}"
    );
}

#[test]
#[should_panic(expected = "lost update: two increments, final count 1")]
fn load_then_store_loses_an_update() {
    loom::model(|| {
        let total = two_increments(RacyCounter::new(), RacyCounter::increment, RacyCounter::get);
        assert_no_lost_update(total);
    });
}
// ANCHOR_END: lost_update

#[test]
fn fetch_add_never_loses_an_update() {
    loom::model(|| {
        let total = two_increments(
            AtomicCounter::new(),
            AtomicCounter::increment,
            AtomicCounter::get,
        );
        assert_no_lost_update(total);
    });
}

#[test]
fn mutex_never_loses_an_update() {
    loom::model(|| {
        let total = two_increments(MutexCounter::new(), MutexCounter::increment, |c| {
            c.get().hits
        });
        assert_no_lost_update(total);
    });
}

#[test]
fn a_reader_sees_hits_and_largest_batch_from_the_same_updates() {
    loom::model(|| {
        let counter = Arc::new(MutexCounter::new());
        let writers: Vec<_> = [1, 2]
            .into_iter()
            .map(|batch| {
                let counter = Arc::clone(&counter);
                thread::spawn(move || counter.add(batch))
            })
            .collect();
        // Whatever the schedule, a reader sees no update, one whole update, or both.
        let seen = counter.get();
        let possible = [(0, 0), (1, 1), (2, 2), (3, 2)];
        assert!(
            possible.contains(&(seen.hits, seen.largest_batch)),
            "half an update: {seen:?}"
        );
        for writer in writers {
            writer.join().unwrap();
        }
        let last = Tally {
            hits: 3,
            largest_batch: 2,
        };
        assert_eq!(counter.get(), last);
    });
}

#[test]
fn readers_never_see_half_an_update() {
    loom::model(|| {
        let limits = Arc::new(LimitsHandle::new(Limits {
            per_second: 1,
            burst: 1,
        }));
        let reader = {
            let limits = Arc::clone(&limits);
            thread::spawn(move || {
                let seen = limits.get();
                let before = Limits {
                    per_second: 1,
                    burst: 1,
                };
                let after = Limits {
                    per_second: 5,
                    burst: 5,
                };
                assert!(seen == before || seen == after, "torn read: {seen:?}");
            })
        };
        limits.set(5, 5);
        reader.join().unwrap();
        assert_eq!(
            limits.get(),
            Limits {
                per_second: 5,
                burst: 5
            },
            "the update was lost"
        );
    });
}

// ANCHOR: deadlock
#[test]
#[should_panic(expected = "deadlock; threads = [(Id(0), Blocked(")]
fn locking_twice_on_one_thread_deadlocks() {
    loom::model(|| {
        let list = self_deadlock::PartsList::new();
        list.add_if_missing("hinge");
    });
}
// ANCHOR_END: deadlock

#[test]
fn locking_once_adds_each_part_once() {
    loom::model(|| {
        let list = Arc::new(lock_once::PartsList::new());
        let other = {
            let list = Arc::clone(&list);
            thread::spawn(move || list.add_if_missing("hinge"))
        };
        list.add_if_missing("hinge");
        other.join().unwrap();
        assert_eq!(list.snapshot(), ["hinge"]);
    });
}
