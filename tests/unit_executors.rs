//! Chapter 17 with fixed inputs: one slow job holds back every ordered result, for
//! threads (gates the test opens, and the order results were received) and for
//! tasks (tokio's paused clock); what a failure does to the other jobs; and what a
//! timeout does to the task it gave up on.

use std::cell::RefCell;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::thread;
use std::time::Duration;

use listings::toolkit::executors::bounded::{
    as_they_finish, in_order as buffered, schedule, step, until_first_error,
};
use listings::toolkit::executors::task_orders::{futures_unordered, handles_in_order, join_set};
use listings::toolkit::executors::thread_orders::{Job, as_completed, in_order};
use tokio::time::{Instant, sleep, timeout};

/// Only stops a test that would otherwise hang; no test asserts on it.
const HANG: Duration = Duration::from_secs(10);

/// Five jobs: job 0 waits at a gate the test opens; jobs 1 to 4 report on the
/// returned receiver that they are done, then return their index.
fn slow_first() -> (mpsc::Sender<()>, mpsc::Receiver<usize>, Vec<Job<usize>>) {
    let (open, gate) = mpsc::channel::<()>();
    let (done, quick) = mpsc::channel();
    let mut jobs: Vec<Job<usize>> = vec![Box::new(move || {
        gate.recv().unwrap();
        0
    })];
    for index in 1..5 {
        let done = done.clone();
        jobs.push(Box::new(move || {
            done.send(index).unwrap();
            index
        }));
    }
    (open, quick, jobs)
}

// ANCHOR: held_back
#[test]
fn in_order_holds_back_every_result_behind_a_slow_first_job() {
    let (open, quick, jobs) = slow_first();
    let received = Arc::new(Mutex::new(Vec::new()));
    let consumer = {
        let received = Arc::clone(&received);
        thread::spawn(move || {
            for result in in_order(jobs) {
                received.lock().unwrap().push(result.unwrap());
            }
        })
    };
    for _ in 1..5 {
        quick.recv_timeout(HANG).expect("a quick job never ran");
    }
    // Jobs 1 to 4 are done, and the consumer has been given none of them.
    assert!(
        received.lock().unwrap().is_empty(),
        "job 0 holds back the rest"
    );
    open.send(()).unwrap();
    consumer.join().unwrap();
    assert_eq!(*received.lock().unwrap(), [0, 1, 2, 3, 4]);
}

#[test]
fn as_completed_delivers_the_quick_results_while_the_slow_job_waits() {
    let (open, _quick, jobs) = slow_first();
    let results = as_completed(jobs);
    let mut first: Vec<usize> = (1..5)
        .map(|_| results.recv_timeout(HANG).expect("held back by job 0").0)
        .collect();
    first.sort();
    assert_eq!(
        first,
        [1, 2, 3, 4],
        "every quick job, while job 0 still waits"
    );
    open.send(()).unwrap();
    assert_eq!(results.recv_timeout(HANG).unwrap().0, 0);
}
// ANCHOR_END: held_back

#[test]
fn a_panicking_job_comes_back_as_an_error_in_its_place_and_the_others_still_run() {
    let jobs = || -> Vec<Job<u32>> {
        vec![
            Box::new(|| 1),
            Box::new(|| panic!("job 1 failed")),
            Box::new(|| 3),
        ]
    };
    let message = |error: Box<dyn std::any::Any + Send>| *error.downcast::<&str>().unwrap();

    let ordered: Vec<_> = in_order(jobs()).map(|r| r.map_err(message)).collect();
    assert_eq!(ordered, [Ok(1), Err("job 1 failed"), Ok(3)]);

    let mut finished: Vec<_> = as_completed(jobs()).into_iter().collect();
    finished.sort_by_key(|&(index, _)| index);
    let outcomes: Vec<_> = finished
        .into_iter()
        .map(|(index, outcome)| (index, outcome.map_err(message)))
        .collect();
    assert_eq!(outcomes, [(0, Ok(1)), (1, Err("job 1 failed")), (2, Ok(3))]);
}

#[tokio::test(start_paused = true)]
async fn one_slow_task_holds_back_every_ordered_result() {
    let s = Duration::from_secs;
    // The slow job is in the middle this time: only the results after it wait.
    let secs = [1, 2, 6, 3, 4];
    assert_eq!(
        handles_in_order(&secs).await,
        [(0, s(1)), (1, s(2)), (2, s(6)), (3, s(6)), (4, s(6))]
    );
    let as_they_finish = [(0, s(1)), (1, s(2)), (3, s(3)), (4, s(4)), (2, s(6))];
    assert_eq!(join_set(&secs).await, as_they_finish);
    assert_eq!(futures_unordered(&secs).await, as_they_finish);
}

#[tokio::test(start_paused = true)]
async fn a_bounded_ordered_stream_also_starts_the_next_jobs_late() {
    // (index, started at, arrived at), limit 2, as in the chapter.
    let secs = [5, 1, 1, 1, 1];
    assert_eq!(
        schedule(&secs, as_they_finish).await,
        [(1, 0, 1), (2, 1, 2), (3, 2, 3), (4, 3, 4), (0, 0, 5)]
    );
    assert_eq!(
        schedule(&secs, buffered).await,
        [(0, 0, 5), (1, 0, 5), (2, 5, 6), (3, 5, 6), (4, 6, 7)]
    );
}

#[tokio::test(start_paused = true)]
async fn the_first_error_drops_the_running_jobs_and_never_starts_the_rest() {
    let log = RefCell::new(Vec::new());
    let start = Instant::now();
    let jobs = [
        ("a", 3, false),
        ("b", 1, true),
        ("c", 1, false),
        ("d", 1, false),
    ]
    .map(|(name, secs, fails)| step(name, secs, fails, &log));
    assert_eq!(
        until_first_error(jobs, 2).await,
        Err("b failed".to_string())
    );
    assert_eq!(
        start.elapsed(),
        Duration::from_secs(1),
        "returned at the failure"
    );
    sleep(Duration::from_secs(60)).await;
    assert_eq!(*log.borrow(), ["a started", "b started"]);

    // Without a failure, every job runs: b ends at 1 s, c at 2 s, d at 3 s, a at 4 s.
    let log = RefCell::new(Vec::new());
    let jobs = [
        ("a", 4, false),
        ("b", 1, false),
        ("c", 1, false),
        ("d", 1, false),
    ]
    .map(|(name, secs, fails)| step(name, secs, fails, &log));
    assert_eq!(
        until_first_error(jobs, 2).await,
        Ok(vec!["b", "c", "d", "a"])
    );
    assert_eq!(log.borrow().len(), 8, "four starts, four ends");
}

// ANCHOR: timeout_by_value
#[tokio::test(start_paused = true)]
async fn a_timeout_stops_the_waiting_not_the_task() {
    let ran_to_the_end = Arc::new(AtomicUsize::new(0));
    let job = |ran: Arc<AtomicUsize>| async move {
        sleep(Duration::from_secs(5)).await;
        ran.fetch_add(1, Ordering::SeqCst);
    };
    // By reference: the handle is still ours after the timeout.
    let mut handle = tokio::spawn(job(Arc::clone(&ran_to_the_end)));
    assert!(timeout(Duration::from_secs(1), &mut handle).await.is_err());
    handle.await.unwrap();
    assert_eq!(ran_to_the_end.load(Ordering::SeqCst), 1);

    // By value: the timeout drops the handle, which detaches the task. It still runs
    // to the end, and nobody can wait for it or abort it any more.
    let handle = tokio::spawn(job(Arc::clone(&ran_to_the_end)));
    assert!(timeout(Duration::from_secs(1), handle).await.is_err());
    sleep(Duration::from_secs(10)).await;
    assert_eq!(
        ran_to_the_end.load(Ordering::SeqCst),
        2,
        "the detached task ran on"
    );

    // To give up on the work itself, abort it.
    let handle = tokio::spawn(job(Arc::clone(&ran_to_the_end)));
    let abort = handle.abort_handle();
    assert!(timeout(Duration::from_secs(1), handle).await.is_err());
    abort.abort();
    sleep(Duration::from_secs(10)).await;
    assert_eq!(
        ran_to_the_end.load(Ordering::SeqCst),
        2,
        "the aborted task never ended"
    );
}
// ANCHOR_END: timeout_by_value
