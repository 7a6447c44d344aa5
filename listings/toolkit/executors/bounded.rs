extern crate futures;
extern crate tokio;

use std::cell::RefCell;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use futures::stream::{self, Stream, StreamExt};
use tokio::sync::Semaphore;
use tokio::task::JoinSet;
use tokio::time::{Instant, sleep};

// ANCHOR: bounded
/// At most `limit` jobs run at once; results come out as jobs finish.
pub fn as_they_finish<F: Future>(
    jobs: impl IntoIterator<Item = F>,
    limit: usize,
) -> impl Stream<Item = F::Output> {
    stream::iter(jobs).buffer_unordered(limit)
}

/// At most `limit` jobs run at once; results come out in the order given. A job that
/// finished early waits for the ones before it, and keeps its place in the limit.
pub fn in_order<F: Future>(
    jobs: impl IntoIterator<Item = F>,
    limit: usize,
) -> impl Stream<Item = F::Output> {
    stream::iter(jobs).buffered(limit)
}

/// A job of `secs` seconds that reports its index and when it started, in seconds
/// since `clock`.
pub async fn timed(index: usize, secs: u64, clock: Instant) -> (usize, u64) {
    let started = clock.elapsed().as_secs();
    sleep(Duration::from_secs(secs)).await;
    (index, started)
}
// ANCHOR_END: bounded

/// Runs `secs` through `run` with a limit of 2, and lists, for each result as it
/// arrives, the job's index, when it started and when its result arrived.
pub async fn schedule<S, F>(secs: &[u64], run: F) -> Vec<(usize, u64, u64)>
where
    S: Stream<Item = (usize, u64)>,
    F: FnOnce(Vec<futures::future::BoxFuture<'static, (usize, u64)>>, usize) -> S,
{
    let clock = Instant::now();
    let jobs = secs
        .iter()
        .enumerate()
        .map(|(i, &s)| futures::FutureExt::boxed(timed(i, s, clock)))
        .collect();
    run(jobs, 2)
        .map(|(index, started)| (index, started, clock.elapsed().as_secs()))
        .collect()
        .await
}

// ANCHOR: first_error
/// Stops at the first error. Returning drops the stream, and with it the jobs still
/// running; the jobs it had not started yet never start.
pub async fn until_first_error<T, E, F>(
    jobs: impl IntoIterator<Item = F>,
    limit: usize,
) -> Result<Vec<T>, E>
where
    F: Future<Output = Result<T, E>>,
{
    let mut finished = stream::iter(jobs).buffer_unordered(limit);
    let mut results = Vec::new();
    while let Some(outcome) = finished.next().await {
        results.push(outcome?);
    }
    Ok(results)
}

/// A job that logs when it starts and when it ends well. It borrows the log: the
/// futures run inside the caller's task, so they need not be `'static`.
pub async fn step(
    name: &'static str,
    secs: u64,
    fails: bool,
    log: &RefCell<Vec<String>>,
) -> Result<&'static str, String> {
    log.borrow_mut().push(format!("{name} started"));
    sleep(Duration::from_secs(secs)).await;
    if fails {
        return Err(format!("{name} failed"));
    }
    log.borrow_mut().push(format!("{name} finished"));
    Ok(name)
}
// ANCHOR_END: first_error

// ANCHOR: semaphore
/// Spawned tasks, at most `limit` at a time. Each job waits for a permit before it is
/// spawned, and its task gives the permit back when it ends.
pub async fn spawn_bounded<F>(jobs: impl IntoIterator<Item = F>, limit: usize) -> Vec<F::Output>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    let permits = Arc::new(Semaphore::new(limit));
    let mut tasks = JoinSet::new();
    for job in jobs {
        let permit = Arc::clone(&permits)
            .acquire_owned()
            .await
            .expect("never closed");
        tasks.spawn(async move {
            let output = job.await;
            drop(permit); // the next job may start
            output
        });
    }
    tasks.join_all().await // in the order they finished; panics if a task panicked
}
// ANCHOR_END: semaphore

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    // ANCHOR: schedules
    // Job 0 takes 5 s, the four others 1 s each; two run at a time.
    let secs = [5, 1, 1, 1, 1];
    // (index, started at, arrived at), in seconds, in the order they arrived.
    let unordered = [(1, 0, 1), (2, 1, 2), (3, 2, 3), (4, 3, 4), (0, 0, 5)];
    assert_eq!(schedule(&secs, as_they_finish).await, unordered);
    let ordered = [(0, 0, 5), (1, 0, 5), (2, 5, 6), (3, 5, 6), (4, 6, 7)];
    assert_eq!(schedule(&secs, in_order).await, ordered);
    // ANCHOR_END: schedules

    // ANCHOR: failure
    // Two at a time: `a` and `b` start; `b` fails after 1 s.
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
    assert_eq!(start.elapsed(), Duration::from_secs(1));
    sleep(Duration::from_secs(10)).await;
    assert_eq!(
        *log.borrow(),
        ["a started", "b started"],
        "a was dropped, c and d never ran"
    );
    // ANCHOR_END: failure

    // The same limit with spawned tasks and a semaphore.
    let clock = Instant::now();
    let mut starts =
        spawn_bounded(secs.iter().enumerate().map(|(i, &s)| timed(i, s, clock)), 2).await;
    starts.sort();
    assert_eq!(
        starts,
        [(0, 0), (1, 0), (2, 1), (3, 2), (4, 3)],
        "(index, started at)"
    );
    assert_eq!(clock.elapsed(), Duration::from_secs(5));
}
