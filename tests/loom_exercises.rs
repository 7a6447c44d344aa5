//! The exercises' loom models, one module per exercise. Each runs against the
//! solution, or against the reader's starting file when `EXERCISE` names the exercise
//! (`cargo xtask exercise <name>`; see `tests/exercise/mod.rs`).
#![cfg(loom)]

#[macro_use]
mod exercise;

use std::cell::RefCell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    /// What a deadlock means in the model this thread is running.
    static DEADLOCK_MEANS: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Runs a loom model; if loom reports a deadlock, says first what it means in the
/// exercise's own terms (`what`), then gives loom's report.
///
/// The explanation is printed by a panic hook, the moment loom panics: if a thread
/// of the model still owns a loom `Arc` (a pool's workers do), loom drops it while
/// unwinding and the test binary aborts before any later code runs (Appendix B).
fn model_explaining_deadlock(what: &str, model: impl Fn() + Sync + Send + 'static) {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            let message = info.payload_as_str().unwrap_or_default();
            if message.starts_with("deadlock") {
                DEADLOCK_MEANS.with_borrow(|means| {
                    if let Some(means) = means {
                        eprintln!("\n{means}\n");
                    }
                });
            }
            previous(info);
        }));
    });
    DEADLOCK_MEANS.set(Some(what.to_owned()));
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| loom::model(model)));
    DEADLOCK_MEANS.set(None);
    if let Err(payload) = outcome {
        let message = payload
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default();
        if message.starts_with("deadlock") {
            panic!("{what}\n(loom's report: {message})");
        }
        panic::resume_unwind(payload);
    }
}

/// Exercise 9.1-1: the dining philosophers.
mod dining {
    use listings::shim::sync::Mutex;
    use listings::shim::thread;
    use listings::threads::exercises::{dining, dining_solution};

    /// Three philosophers, one meal each, on three threads. The forks are leaked:
    /// when loom reports a deadlock it unwinds this thread, and dropping a loom `Arc`
    /// then would abort the whole test binary (Appendix B).
    #[test]
    fn three_philosophers_never_deadlock() {
        let eat = pick!("dining", dining::eat, dining_solution::eat);
        super::model_explaining_deadlock(
            "the philosophers deadlocked: loom found a schedule in which each holds one \
             fork and waits for a fork that another holds",
            move || {
                let forks: &'static [Mutex<u32>] =
                    Box::leak((0..3).map(|_| Mutex::new(0)).collect::<Vec<_>>().into());
                let others: Vec<_> = (1..3)
                    .map(|seat| thread::spawn(move || eat(seat, forks)))
                    .collect();
                eat(0, forks);
                for other in others {
                    other.join().unwrap();
                }
                let uses: Vec<u32> = forks.iter().map(|f| *f.lock().unwrap()).collect();
                assert_eq!(uses, [2, 2, 2], "each fork is used by its two neighbours");
            },
        );
    }
}

/// Exercise 9.1-2: a pool that can wait until it is idle.
mod idle_pool {
    use listings::shim::sync::Arc;
    use listings::shim::sync::atomic::{AtomicUsize, Ordering};
    use listings::threads::exercises::{idle_pool, idle_pool_solution};

    /// Two workers, two jobs, then `wait_idle`: when it returns, both jobs have run.
    /// (If loom finds a deadlock, the workers' `Arc`s abort the binary as it unwinds;
    /// the explanation has been printed by then.)
    macro_rules! runs_when_idle {
        ($pool:ty) => {{
            let runs = Arc::new([AtomicUsize::new(0), AtomicUsize::new(0)]);
            let pool = <$pool>::new(2);
            for job in 0..2 {
                let runs = Arc::clone(&runs);
                pool.execute(move || {
                    runs[job].fetch_add(1, Ordering::Relaxed);
                });
            }
            pool.wait_idle();
            let seen = runs.each_ref().map(|r| r.load(Ordering::Relaxed));
            assert!(
                seen == [1, 1],
                "wait_idle returned while a job had not finished: runs per job {seen:?}"
            );
            drop(pool);
        }};
    }

    #[test]
    fn wait_idle_returns_once_every_job_has_run() {
        let on_start = crate::exercise::on_starting_file("idle_pool");
        super::model_explaining_deadlock(
            "wait_idle never returned: loom found a schedule in which every job has \
             finished but nothing wakes the thread waiting in wait_idle",
            move || {
                if on_start {
                    runs_when_idle!(idle_pool::ThreadPool)
                } else {
                    runs_when_idle!(idle_pool_solution::ThreadPool)
                }
            },
        );
    }
}
