extern crate futures;
extern crate tokio;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::task::JoinSet;
use tokio::time::sleep;

// ANCHOR: job
/// Names of the jobs that ran to the end.
pub type Log = Arc<Mutex<Vec<&'static str>>>;

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
pub const JOBS: [(&str, u64, bool); 3] =
    [("fast", 1, false), ("broken", 2, true), ("slow", 3, false)];
// ANCHOR_END: job

// ANCHOR: first_error
/// Like `asyncio.gather`: spawn everything, await the results in order, and return
/// the first error. The other tasks are not cancelled: a dropped `JoinHandle`
/// detaches its task, which keeps running in the background.
pub async fn first_error(log: &Log) -> Result<Vec<&'static str>, String> {
    let handles: Vec<_> = JOBS
        .iter()
        .map(|&(name, secs, fails)| tokio::spawn(job(name, secs, fails, Arc::clone(log))))
        .collect();
    let mut done = Vec::new();
    for handle in handles {
        done.push(handle.await.expect("job panicked")?);
    }
    Ok(done)
}
// ANCHOR_END: first_error

// ANCHOR: all_outcomes
/// Like `gather(..., return_exceptions=True)`: wait for every job, and return each
/// outcome, errors included, in the order the jobs were given.
pub async fn all_outcomes(log: &Log) -> Vec<Result<&'static str, String>> {
    let jobs = JOBS
        .iter()
        .map(|&(name, secs, fails)| job(name, secs, fails, Arc::clone(log)));
    futures::future::join_all(jobs).await
}
// ANCHOR_END: all_outcomes

// ANCHOR: cancel_siblings
/// Like `asyncio.TaskGroup`: the first error cancels every other task, and the caller
/// gets the error only once they have all stopped.
pub async fn cancel_siblings(log: &Log) -> Result<Vec<&'static str>, String> {
    let mut group = JoinSet::new();
    for &(name, secs, fails) in &JOBS {
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
    assert_eq!(first_error(&log).await, Err("broken failed".to_string()));
    sleep(Duration::from_secs(10)).await;
    assert_eq!(*log.lock().unwrap(), ["fast", "slow"], "slow kept running");

    let log = Log::default();
    let outcomes = all_outcomes(&log).await;
    assert_eq!(
        outcomes,
        [Ok("fast"), Err("broken failed".to_string()), Ok("slow")]
    );

    let log = Log::default();
    assert_eq!(
        cancel_siblings(&log).await,
        Err("broken failed".to_string())
    );
    sleep(Duration::from_secs(10)).await;
    assert_eq!(*log.lock().unwrap(), ["fast"], "slow was cancelled");
}
// ANCHOR_END: main
