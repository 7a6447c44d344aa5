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

/// The failing schedule loom finds first, as the table and the figure in Chapter 5
/// show it. Loom's search is deterministic for one model and one loom version, so
/// the committed files are compared with what loom finds; `BOOK_UPDATE_SNAPSHOTS=1`
/// writes them instead (CONTRIBUTING.md).
#[test]
fn the_book_shows_the_lost_update_loom_finds() {
    let found = std::panic::catch_unwind(|| {
        loom::model(|| {
            recorded::clear();
            let total =
                two_increments(RacyCounter::new(), RacyCounter::increment, RacyCounter::get);
            assert_no_lost_update(total);
        })
    });
    let panic = found.expect_err("loom found no lost update, so there is no schedule to show");
    let message = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or_default();
    assert_eq!(message, "lost update: two increments, final count 1");
    // The steps of the execution that failed: loom stops at it.
    let steps = recorded::take();
    snapshot::check(
        "src/threads/lost_update_schedule.md",
        &schedule_table(&steps),
    );
    snapshot::check(
        "src/threads/figures/lost_update.bob",
        &schedule_figure(&steps),
    );
}

/// Who took a step: loom numbers the model's own thread 0 and the spawned one 1.
fn thread_name(step: &Step) -> &'static str {
    match step.thread {
        0 => "main",
        1 => "spawned",
        other => panic!("the model has two threads, but loom ran a thread {other}"),
    }
}

/// What a step did, in the words of the listing: a `load` with no `store` after it on
/// the same thread is the final `get`.
fn describe(steps: &[Step], index: usize) -> String {
    let step = steps[index];
    match step.operation {
        Operation::Store => format!("`store` writes {}", step.value),
        Operation::Load => {
            let stores_later = steps[index + 1..]
                .iter()
                .any(|s| s.thread == step.thread && s.operation == Operation::Store);
            if stores_later {
                format!("`load` reads {}", step.value)
            } else {
                format!("`get` reads {}", step.value)
            }
        }
    }
}

/// The schedule as a Markdown table: one row per step, one column per thread, and the
/// counter's value after the step.
fn schedule_table(steps: &[Step]) -> String {
    let mut table = String::from(
        "<!-- Written by tests/loom_races.rs (the_book_shows_the_lost_update_loom_finds): \
         do not edit. -->\n\
         | step | main thread | spawned thread | latest value stored in `hits` |\n\
         | ---- | ----------- | -------------- | ----------------------------- |\n",
    );
    let mut hits = 0;
    for (index, step) in steps.iter().enumerate() {
        if step.operation == Operation::Store {
            hits = step.value;
        }
        let what = describe(steps, index);
        let (main, spawned) = match thread_name(step) {
            "main" => (what.as_str(), ""),
            _ => ("", what.as_str()),
        };
        table += &format!("| {} | {main} | {spawned} | {hits} |\n", index + 1);
    }
    table
}

/// The same schedule as an svgbob drawing: one lane per thread, time going down, a dot
/// for each step, and the latest value stored beside it.
fn schedule_figure(steps: &[Step]) -> String {
    // Each lane: 8 columns of margin, the lane's line, its labels; then the values.
    const LANE: usize = 30;
    let lanes = |main: &str, spawned: &str, value: &str| {
        format!("        {main:<LANE$}{spawned:<LANE$}{value}")
            .trim_end()
            .to_owned()
    };
    let mut rows = vec![
        format!(
            "{:<4}{:<LANE$}{:<LANE$}latest value stored",
            "", "main thread", "spawned thread"
        ),
        lanes("|", "|", ""),
    ];
    let mut hits = 0;
    for (index, step) in steps.iter().enumerate() {
        if step.operation == Operation::Store {
            hits = step.value;
        }
        let dot = format!("*  {}", describe(steps, index).replace('`', ""));
        let value = format!("     {hits}");
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
            "{file} is not what the test found.\n--- committed:\n{committed}\n--- found:\n{wanted}\n\
             If the change is expected (a new loom version, a changed model), run the test \
             with BOOK_UPDATE_SNAPSHOTS=1 to rewrite the file, and check the chapter's text \
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
