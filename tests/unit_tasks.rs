//! Chapter 12 on tokio's paused clock: what each failure policy returns, when, and
//! which of the other jobs keep running.

use std::time::Duration;

use listings::async_rust::tasks::concurrent_waits::{ten_waits, three_lookups};
use listings::async_rust::tasks::failure_policies::{
    Log, all_outcomes, cancel_siblings, first_error,
};
use tokio::time::{Instant, sleep};

/// What the log holds long after every job would have finished.
async fn finished_eventually(log: &Log) -> Vec<&'static str> {
    sleep(Duration::from_secs(60)).await;
    log.lock().unwrap().clone()
}

// ANCHOR: table
#[tokio::test(start_paused = true)]
async fn first_error_returns_at_the_failure_and_leaves_the_rest_running() {
    let (log, start) = (Log::default(), Instant::now());
    assert_eq!(first_error(&log).await, Err("broken failed".into()));
    assert_eq!(
        start.elapsed(),
        Duration::from_secs(2),
        "returned when `broken` failed"
    );
    assert_eq!(
        finished_eventually(&log).await,
        ["fast", "slow"],
        "`slow` still ran"
    );
}

#[tokio::test(start_paused = true)]
async fn all_outcomes_waits_for_every_job_and_returns_errors_as_values() {
    let (log, start) = (Log::default(), Instant::now());
    let outcomes = all_outcomes(&log).await;
    assert_eq!(
        outcomes,
        [Ok("fast"), Err("broken failed".into()), Ok("slow")]
    );
    assert_eq!(start.elapsed(), Duration::from_secs(3), "waited for `slow`");
}

#[tokio::test(start_paused = true)]
async fn cancel_siblings_stops_the_rest_before_returning_the_error() {
    let (log, start) = (Log::default(), Instant::now());
    assert_eq!(cancel_siblings(&log).await, Err("broken failed".into()));
    assert_eq!(start.elapsed(), Duration::from_secs(2));
    assert_eq!(
        finished_eventually(&log).await,
        ["fast"],
        "`slow` was cancelled"
    );
}
// ANCHOR_END: table

#[tokio::test(start_paused = true)]
async fn ten_one_second_tasks_take_one_second() {
    assert_eq!(ten_waits().await, Duration::from_secs(1));
}

#[tokio::test(start_paused = true)]
async fn join_runs_futures_concurrently_within_one_task() {
    let start = Instant::now();
    assert_eq!(three_lookups().await, Ok((10, 20, 30)));
    // join!: max(1, 2) = 2 s; try_join!: max(1, 1) = 1 s; not 1 + 2 + 1 + 1.
    assert_eq!(start.elapsed(), Duration::from_secs(3));
}
