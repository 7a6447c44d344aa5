extern crate futures;
extern crate tokio;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::task::JoinSet;
use tokio::time::sleep;

// ANCHOR: job
/// Names of the jobs that ran to the end.
pub type Log = Arc<Mutex<Vec<&'static str>>>;

/// A job's name, how many seconds it works, and whether it then fails.
pub type Job = (&'static str, u64, bool);

/// Works for `secs` seconds, then either fails or records that it finished.
pub async fn job(
    name: &'static str,
    secs: u64,
    fails: bool,
    log: Log,
) -> Result<&'static str, String> {
    sleep(Duration::from_secs(secs)).await;
    if fails {
        return Err(format!("{name} failed"));
    }
    log.lock().unwrap().push(name);
    Ok(name)
}

/// The scenario for every policy below: one job fails while another is still working.
/// They are listed in an order that is not the order in which they end.
pub const JOBS: [Job; 3] = [("slow", 3, false), ("broken", 2, true), ("fast", 1, false)];
// ANCHOR_END: job

// ANCHOR: first_error
/// Like `asyncio.gather`: run everything, and return the first error as soon as it
/// happens. The other tasks are not cancelled: they are detached, and keep running.
pub async fn first_error(jobs: &[Job], log: &Log) -> Result<Vec<&'static str>, String> {
    let mut group = JoinSet::new();
    for &(name, secs, fails) in jobs {
        group.spawn(job(name, secs, fails, Arc::clone(log)));
    }
    let mut done = Vec::new();
    while let Some(finished) = group.join_next().await {
        match finished.expect("job panicked") {
            Ok(name) => done.push(name),
            Err(error) => {
                group.detach_all(); // let the rest run on, unobserved
                return Err(error);
            }
        }
    }
    Ok(done)
}
// ANCHOR_END: first_error

// ANCHOR: all_outcomes
/// Like `gather(..., return_exceptions=True)`: wait for every job, and return each
/// outcome, errors included, in the order the jobs were given.
pub async fn all_outcomes(jobs: &[Job], log: &Log) -> Vec<Result<&'static str, String>> {
    let jobs = jobs
        .iter()
        .map(|&(name, secs, fails)| job(name, secs, fails, Arc::clone(log)));
    futures::future::join_all(jobs).await
}
// ANCHOR_END: all_outcomes

// ANCHOR: cancel_siblings
/// Like `asyncio.TaskGroup`: the first error cancels every other task, and the caller
/// gets the error only once they have all stopped.
pub async fn cancel_siblings(jobs: &[Job], log: &Log) -> Result<Vec<&'static str>, String> {
    let mut group = JoinSet::new();
    for &(name, secs, fails) in jobs {
        group.spawn(job(name, secs, fails, Arc::clone(log)));
    }
    let mut done = Vec::new();
    while let Some(finished) = group.join_next().await {
        match finished.expect("job panicked") {
            Ok(name) => done.push(name),
            Err(error) => {
                group.shutdown().await; // abort the rest and wait until they are gone
                return Err(error);
            }
        }
    }
    Ok(done)
}
// ANCHOR_END: cancel_siblings

// ANCHOR: main
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let log = Log::default();
    assert_eq!(
        first_error(&JOBS, &log).await,
        Err("broken failed".to_string())
    );
    assert_eq!(*log.lock().unwrap(), ["fast"], "returned at the failure");
    sleep(Duration::from_secs(10)).await;
    assert_eq!(*log.lock().unwrap(), ["fast", "slow"], "slow kept running");

    let log = Log::default();
    let outcomes = all_outcomes(&JOBS, &log).await;
    assert_eq!(
        outcomes,
        [Ok("slow"), Err("broken failed".to_string()), Ok("fast")]
    );

    let log = Log::default();
    assert_eq!(
        cancel_siblings(&JOBS, &log).await,
        Err("broken failed".to_string())
    );
    sleep(Duration::from_secs(10)).await;
    assert_eq!(*log.lock().unwrap(), ["fast"], "slow was cancelled");
}
// ANCHOR_END: main
