//! Chapter 5 under loom: every interleaving of two threads, bug and fix alike.
#![cfg(loom)]

use listings::shim::recorded::{self, Operation, Step};
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

/// Figure 5-1: the lost update a reader must recognise. The main thread and the
/// spawned thread both `load` 0 before either `store`s, so both store 1; after the join
/// the main thread's `get` reads 1. Loom numbers the model's own thread 0.
const DRAWN: [Step; 5] = [
    step(MAIN, Operation::Load, 0),
    step(SPAWNED, Operation::Load, 0),
    step(MAIN, Operation::Store, 1),
    step(SPAWNED, Operation::Store, 1),
    step(MAIN, Operation::Load, 1),
];
const MAIN: usize = 0;
const SPAWNED: usize = 1;

const fn step(thread: usize, operation: Operation, value: u64) -> Step {
    Step {
        thread,
        operation,
        value,
    }
}

/// The figure is drawn from `DRAWN`, and `DRAWN` is one of the failing executions loom
/// explores, in an order a real `SeqCst` run can take: every `load` reads the last
/// value stored before it. (Loom also reports executions that a `SeqCst` run cannot
/// take, where a `load` returns a value older than the last `store`, because it models
/// `SeqCst` like acquire/release; the figure must not show one of those.) The drawn
/// order takes two preemptions, so loom needs a bound of at least 2 to reach it.
/// `BOOK_UPDATE_SNAPSHOTS=1` rewrites the figure from `DRAWN`.
#[test]
fn the_book_shows_the_lost_update_loom_finds() {
    // The steps of every failing execution, kept outside the model.
    let failing = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let record = std::sync::Arc::clone(&failing);
    loom::model(move || {
        recorded::clear();
        let total = two_increments(RacyCounter::new(), RacyCounter::increment, RacyCounter::get);
        if total != 2 {
            record.lock().unwrap().push(recorded::take());
        }
    });
    let failing: Vec<Vec<Step>> = std::mem::take(&mut *failing.lock().unwrap());
    assert!(!failing.is_empty(), "loom found no lost update");
    assert!(
        failing.iter().any(|steps| steps[..] == DRAWN[..]),
        "Figure 5-1 draws a schedule that is not among the {} failing executions loom \
         explores:\n{DRAWN:#?}",
        failing.len()
    );
    let mut latest = 0;
    for step in DRAWN {
        match step.operation {
            Operation::Store => latest = step.value,
            Operation::Load => assert_eq!(
                step.value, latest,
                "Figure 5-1 draws a load that misses the last store before it: {step:?}"
            ),
        }
    }
    snapshot::check(
        "src/threads/figures/lost_update.bob",
        &schedule_figure(&DRAWN),
    );
}

/// Who took a step: loom numbers the model's own thread 0 and the spawned one 1.
fn thread_name(step: &Step) -> &'static str {
    match step.thread {
        MAIN => "main",
        SPAWNED => "spawned",
        other => panic!("the model has two threads, but loom ran a thread {other}"),
    }
}

/// What a step did, in the words of the listing: a `load` with no `store` after it on
/// the same thread is the final `get`.
fn describe(steps: &[Step], index: usize) -> String {
    let step = steps[index];
    match step.operation {
        Operation::Store => format!("store writes {}", step.value),
        Operation::Load => {
            let stores_later = steps[index + 1..]
                .iter()
                .any(|s| s.thread == step.thread && s.operation == Operation::Store);
            if stores_later {
                format!("load reads {}", step.value)
            } else {
                format!("get reads {}", step.value)
            }
        }
    }
}

/// The schedule as an svgbob drawing: one lane per thread, time going down, a dot for
/// each step, and the value of `hits` after it.
fn schedule_figure(steps: &[Step]) -> String {
    // Each lane: 8 columns of margin, the lane's line, its labels; then the value.
    const LANE: usize = 30;
    let lanes = |main: &str, spawned: &str, value: &str| {
        format!("        {main:<LANE$}{spawned:<LANE$}{value}")
            .trim_end()
            .to_owned()
    };
    let mut rows = vec![
        format!(
            "{:<4}{:<LANE$}{:<LANE$}    hits",
            "", "main thread", "spawned thread"
        ),
        lanes("|", "|", ""),
    ];
    let mut hits = 0;
    for (index, step) in steps.iter().enumerate() {
        if step.operation == Operation::Store {
            hits = step.value;
        }
        let dot = format!("*  {}", describe(steps, index));
        let value = hits.to_string();
        rows.push(match thread_name(step) {
            "main" => lanes(&dot, "|", &value),
            _ => lanes("|", &dot, &value),
        });
        rows.push(lanes("|", "|", ""));
    }
    rows.pop();
    rows.push(lanes("v", "v", ""));
    rows.join("\n") + "\n"
}

/// Files of the book that a test writes: compared, or written when asked.
mod snapshot {
    use std::path::Path;

    pub fn check(file: &str, wanted: &str) {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
        if std::env::var_os("BOOK_UPDATE_SNAPSHOTS").is_some_and(|v| v == "1") {
            std::fs::write(&path, wanted).unwrap_or_else(|e| panic!("cannot write {file}: {e}"));
            return;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == wanted,
            "{file} is not what the test draws.\n--- committed:\n{committed}\n--- drawn:\n{wanted}\n\
             If the change is expected (a changed DRAWN), run the test with \
             BOOK_UPDATE_SNAPSHOTS=1 to rewrite the file, and check the chapter's text \
             against it."
        );
    }
}

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
