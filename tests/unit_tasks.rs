//! Chapter 13 on tokio's paused clock: what each failure policy returns, when, and
//! which of the other jobs keep running.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use listings::async_rust::tasks::concurrent_waits::{join_both, ten_waits, try_join_both};
use listings::async_rust::tasks::failure_policies::{
    JOBS, Job, Log, all_outcomes, cancel_siblings, first_error,
};
use tokio::time::{Instant, sleep};

/// What the log holds long after every job would have finished.
async fn finished_eventually(log: &Log) -> Vec<&'static str> {
    sleep(Duration::from_secs(60)).await;
    log.lock().unwrap().clone()
}

/// The jobs in the order they end, and in the chapter's order, which lists the
/// failing job after the slow one: a policy must not depend on the order given.
const ORDERS: [[Job; 3]; 2] = [
    [("fast", 1, false), ("broken", 2, true), ("slow", 3, false)],
    JOBS,
];

// ANCHOR: table
// Each job holds a clone of `log` until its future is dropped, so the count of
// clones still alive tells how many jobs are still running (plus the test's own).
#[tokio::test(start_paused = true)]
async fn first_error_returns_at_the_failure_and_leaves_the_rest_running() {
    for jobs in ORDERS {
        let (log, start) = (Log::default(), Instant::now());
        assert_eq!(first_error(&jobs, &log).await, Err("broken failed".into()));
        assert_eq!(
            start.elapsed(),
            Duration::from_secs(2),
            "returned at the failure"
        );
        assert_eq!(Arc::strong_count(&log), 2, "`slow` is still running");
        assert_eq!(finished_eventually(&log).await, ["fast", "slow"]);
    }
}

#[tokio::test(start_paused = true)]
async fn all_outcomes_waits_for_every_job_and_returns_errors_as_values() {
    for jobs in ORDERS {
        let (log, start) = (Log::default(), Instant::now());
        let outcomes = all_outcomes(&jobs, &log).await;
        let expected: Vec<_> = jobs
            .iter()
            .map(|&(name, _, fails)| {
                if fails {
                    Err(format!("{name} failed"))
                } else {
                    Ok(name)
                }
            })
            .collect();
        assert_eq!(outcomes, expected, "every outcome, in the order given");
        assert_eq!(start.elapsed(), Duration::from_secs(3), "waited for `slow`");
    }
}

#[tokio::test(start_paused = true)]
async fn cancel_siblings_stops_the_rest_before_returning_the_error() {
    for jobs in ORDERS {
        let (log, start) = (Log::default(), Instant::now());
        assert_eq!(
            cancel_siblings(&jobs, &log).await,
            Err("broken failed".into())
        );
        assert_eq!(
            start.elapsed(),
            Duration::from_secs(2),
            "returned at the failure"
        );
        assert_eq!(Arc::strong_count(&log), 1, "every job had stopped");
        assert_eq!(
            finished_eventually(&log).await,
            ["fast"],
            "`slow` was cancelled"
        );
    }
}
// ANCHOR_END: table

#[tokio::test(start_paused = true)]
async fn ten_one_second_tasks_take_one_second() {
    assert_eq!(ten_waits().await, Duration::from_secs(1));
}

#[tokio::test(start_paused = true)]
async fn join_waits_for_every_branch_even_after_an_error() {
    let (found, start) = (Mutex::new(Vec::new()), Instant::now());
    assert_eq!(join_both(&found).await, (Ok(70), Err("no key 0".into())));
    // Concurrent: max(3, 1) = 3 s, not 3 + 1.
    assert_eq!(start.elapsed(), Duration::from_secs(3));
    assert_eq!(*found.lock().unwrap(), [7]);
}

#[tokio::test(start_paused = true)]
async fn try_join_returns_at_the_first_error_and_drops_the_rest() {
    let (found, start) = (Mutex::new(Vec::new()), Instant::now());
    assert_eq!(try_join_both(&found).await, Err("no key 0".into()));
    assert_eq!(
        start.elapsed(),
        Duration::from_secs(1),
        "returned at the error"
    );
    sleep(Duration::from_secs(60)).await;
    assert_eq!(
        *found.lock().unwrap(),
        [] as [u32; 0],
        "the lookup of key 7 never finished"
    );
}
