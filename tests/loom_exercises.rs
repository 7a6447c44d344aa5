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
/// unwinding and the test binary aborts before any later code runs (CONTRIBUTING.md).
fn model_explaining_deadlock(what: &str, model: impl Fn() + Sync + Send + 'static) {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            let payload = info.payload();
            let message = (payload.downcast_ref::<String>().map(String::as_str))
                .or_else(|| payload.downcast_ref::<&str>().copied())
                .unwrap_or_default();
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

/// Exercise 3.1-2: the last worker out adds up every partial result.
mod gather {
    use listings::foundations::exercises::{gather, gather_solution};
    use listings::shim::thread;

    /// Two workers with partial results 1 and 2: one of them, and only one, returns 3.
    /// The `Gather` is leaked rather than shared through a loom `Arc`: if this thread
    /// panics (a `todo!()`), loom drops the other thread's closure while unwinding,
    /// and an `Arc` dropped then aborts the test binary (CONTRIBUTING.md).
    macro_rules! two_workers {
        ($gather:ty) => {{
            let gather: &'static $gather = Box::leak(Box::new(<$gather>::new(2)));
            let other = thread::spawn(move || gather.finish(1, 2));
            let mine = gather.finish(0, 1);
            let theirs = other.join().unwrap();
            match (mine, theirs) {
                (Some(total), None) | (None, Some(total)) => assert!(
                    total == 3,
                    "the last worker added up {total}, not 1 + 2 = 3: it read a slot \
                     before the other worker's store to it was visible"
                ),
                (None, None) => panic!("neither worker returned the total: nobody was last"),
                (Some(a), Some(b)) => {
                    panic!("both workers returned a total ({a} and {b}): both counted as last")
                }
            }
        }};
    }

    #[test]
    fn exactly_one_worker_gathers_and_sees_every_partial() {
        let on_start = crate::exercise::on_starting_file("gather");
        loom::model(move || {
            if on_start {
                two_workers!(gather::Gather)
            } else {
                two_workers!(gather_solution::Gather)
            }
        });
    }
}

/// Exercise 9.1-1: the dining philosophers.
mod dining {
    use listings::shim::sync::Mutex;
    use listings::shim::thread;
    use listings::threads::exercises::{dining, dining_solution};

    /// Three philosophers, one meal each, on three threads. The forks are leaked:
    /// when loom reports a deadlock it unwinds this thread, and dropping a loom `Arc`
    /// then would abort the whole test binary (CONTRIBUTING.md).
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

/// Exercise 19.1-1: a semaphore whose holders take several permits at once.
mod weighted {
    use listings::shim::sync::atomic::{AtomicUsize, Ordering};
    use listings::shim::thread;
    use listings::toolkit::exercises::{weighted, weighted_solution};

    /// A semaphore of 2 permits; the other thread takes `theirs` permits, this one
    /// `mine`, each once, and checks that no more than 2 are ever out. Leaked, like
    /// the forks: a deadlock unwinds this thread, and loom `Arc`s must not drop then.
    macro_rules! holders {
        ($semaphore:ty, $theirs:expr, $mine:expr) => {{
            let semaphore: &'static $semaphore = Box::leak(Box::new(<$semaphore>::new(2)));
            let in_use: &'static AtomicUsize = Box::leak(Box::new(AtomicUsize::new(0)));
            let hold = move |permits: usize| {
                let _permit = semaphore.acquire(permits);
                let now = in_use.fetch_add(permits, Ordering::SeqCst) + permits;
                assert!(now <= 2, "{now} permits out at once from a semaphore of 2");
                in_use.fetch_sub(permits, Ordering::SeqCst);
            };
            let other = thread::spawn(move || hold($theirs));
            hold($mine);
            other.join().unwrap();
        }};
    }

    fn run(theirs: usize, mine: usize) {
        let on_start = crate::exercise::on_starting_file("weighted");
        super::model_explaining_deadlock(
            "the two holders deadlocked: loom found a schedule in which each waits for \
             permits the other holds (or that nobody woke it for)",
            move || {
                if on_start {
                    holders!(weighted::Semaphore, theirs, mine)
                } else {
                    holders!(weighted_solution::Semaphore, theirs, mine)
                }
            },
        );
    }

    #[test]
    fn two_holders_of_every_permit_take_turns() {
        run(2, 2);
    }

    #[test]
    fn permits_out_never_exceed_the_capacity() {
        run(2, 1);
    }
}

/// Exercise 19.1-2: a bounded queue that can be closed.
mod bounded {
    use listings::shim::thread;
    use listings::toolkit::exercises::{bounded, bounded_solution};

    const DEADLOCK: &str = "the queue's threads deadlocked: loom found a schedule in which a \
        thread waits in push or pop and nothing will ever wake it";

    /// Leaked, like the forks: a deadlock unwinds this thread, and loom `Arc`s must not
    /// drop then.
    macro_rules! leaked {
        ($queue:ty, $capacity:expr) => {{
            let queue: &'static $queue = Box::leak(Box::new(<$queue>::new($capacity)));
            queue
        }};
    }

    /// Capacity 1: the producer pushes 0 and 1, then closes; this thread pops.
    macro_rules! two_items_through_one_slot {
        ($queue:ty) => {{
            let queue = leaked!($queue, 1);
            let producer = thread::spawn(move || {
                assert!(
                    queue.push(0).is_ok() && queue.push(1).is_ok(),
                    "push refused before close"
                );
                queue.close();
            });
            let mut received = Vec::new();
            while let Some(item) = queue.pop() {
                received.push(item);
            }
            producer.join().unwrap();
            assert!(
                received == [0, 1],
                "pushed 0 and 1, then closed; popped {received:?}"
            );
        }};
    }

    /// One item, two consumer threads: when this thread closes the queue, both may be
    /// waiting in `pop`, and `close` must wake both.
    macro_rules! close_wakes_every_consumer {
        ($queue:ty) => {{
            let queue = leaked!($queue, 1);
            let consumer = move || {
                let mut got = 0;
                while queue.pop().is_some() {
                    got += 1;
                }
                got
            };
            let consumers = [thread::spawn(consumer), thread::spawn(consumer)];
            assert!(queue.push(7).is_ok(), "push refused before close");
            queue.close();
            let total: u32 = consumers.into_iter().map(|c| c.join().unwrap()).sum();
            assert!(total == 1, "one item pushed, {total} popped");
        }};
    }

    /// A producer blocked on a full queue gets its item back when the queue closes.
    macro_rules! close_returns_a_blocked_push {
        ($queue:ty) => {{
            let queue = leaked!($queue, 1);
            let producer = thread::spawn(move || (queue.push(0), queue.push(1)));
            queue.close();
            let (first, second) = producer.join().unwrap();
            match (first, second) {
                (Ok(()), Err(1)) => assert!(queue.pop() == Some(0), "the queued 0 was lost"),
                (Err(0), Err(1)) => assert!(queue.pop().is_none(), "an item refused but queued"),
                other => panic!("closed with a full queue, yet push returned {other:?}"),
            }
            assert!(
                queue.pop().is_none(),
                "closed and drained, yet pop returned an item"
            );
        }};
    }

    macro_rules! on_either {
        ($model:ident) => {{
            let on_start = crate::exercise::on_starting_file("bounded");
            super::model_explaining_deadlock(DEADLOCK, move || {
                if on_start {
                    $model!(bounded::Bounded<u32>)
                } else {
                    $model!(bounded_solution::Bounded<u32>)
                }
            });
        }};
    }

    #[test]
    fn items_pass_through_one_slot_in_order() {
        on_either!(two_items_through_one_slot);
    }

    #[test]
    fn close_wakes_every_waiting_consumer() {
        on_either!(close_wakes_every_consumer);
    }

    #[test]
    fn close_hands_a_blocked_producer_its_item_back() {
        on_either!(close_returns_a_blocked_push);
    }
}

/// Exercise 16.1-2: an event that tasks can wait for.
mod event {
    use std::future::Future;
    use std::pin::pin;
    use std::sync::Arc as StdArc;
    use std::task::{Context, Poll, Wake, Waker};

    use listings::async_rust::exercises::{event, event_solution};
    use listings::shim::sync::atomic::{AtomicBool, Ordering};
    use listings::shim::thread;

    /// A waker that only records that it was called, as in `tests/loom_mental_model.rs`.
    struct Flag(AtomicBool);

    impl Wake for Flag {
        fn wake(self: StdArc<Self>) {
            self.0.store(true, Ordering::SeqCst);
        }
    }

    /// Two waits, each polled once with its own waker, while another thread sets the
    /// event: a wait that said "not yet" must have been woken by the time `set` is done.
    macro_rules! two_polls_while_setting {
        ($event:ty) => {{
            let event: &'static $event = Box::leak(Box::new(<$event>::new()));
            let setter = thread::spawn(move || event.set());
            let mut polled = Vec::new();
            for waiter in ["first", "second"] {
                let woken = StdArc::new(Flag(AtomicBool::new(false)));
                let waker = Waker::from(StdArc::clone(&woken));
                let poll = pin!(event.wait()).poll(&mut Context::from_waker(&waker));
                polled.push((waiter, poll, woken));
            }
            setter.join().unwrap();
            // `set` has finished: a wait that said "not yet" must have been woken.
            for (waiter, poll, woken) in polled {
                if poll == Poll::Pending {
                    assert!(
                        woken.0.load(Ordering::SeqCst),
                        "lost wake-up: the {waiter} wait returned Pending, the event was \
                         then set, and its waker was never called"
                    );
                }
            }
        }};
    }

    #[test]
    fn no_wait_misses_the_set() {
        let on_start = crate::exercise::on_starting_file("event");
        loom::model(move || {
            if on_start {
                two_polls_while_setting!(event::Event)
            } else {
                two_polls_while_setting!(event_solution::Event)
            }
        });
    }

    /// A task blocked on the event completes once another thread sets it.
    #[test]
    fn a_blocked_wait_completes_after_set() {
        let on_start = crate::exercise::on_starting_file("event");
        super::model_explaining_deadlock(
            "the wait never completed: loom found a schedule in which the event was set \
             but the waiting task was never woken",
            move || {
                if on_start {
                    let event: &'static event::Event = Box::leak(Box::new(event::Event::new()));
                    let setter = thread::spawn(move || event.set());
                    loom::future::block_on(event.wait());
                    setter.join().unwrap();
                } else {
                    let event: &'static event_solution::Event =
                        Box::leak(Box::new(event_solution::Event::new()));
                    let setter = thread::spawn(move || event.set());
                    loom::future::block_on(event.wait());
                    setter.join().unwrap();
                }
            },
        );
    }
}
