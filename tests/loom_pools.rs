//! Chapter 9 under loom: shutting a pool down with jobs still queued.
#![cfg(loom)]

use listings::shim::sync::Arc;
use listings::shim::sync::atomic::{AtomicUsize, Ordering};
use listings::threads::pools::{lossy_pool, thread_pool};

// ANCHOR: shutdown
/// Submits two jobs to a pool of two workers, drops the pool at once, and returns
/// how many times each job ran.
macro_rules! runs_per_job_before_shutdown {
    ($pool:ty) => {{
        let runs = Arc::new([AtomicUsize::new(0), AtomicUsize::new(0)]);
        let pool = <$pool>::new(2);
        for job in 0..2 {
            let runs = Arc::clone(&runs);
            pool.execute(move || {
                runs[job].fetch_add(1, Ordering::Relaxed);
            });
        }
        drop(pool); // joins the workers
        runs.each_ref().map(|r| r.load(Ordering::Relaxed))
    }};
}

#[test]
#[should_panic(expected = "lost jobs")]
fn closing_first_loses_queued_jobs() {
    loom::model(|| {
        let runs = runs_per_job_before_shutdown!(lossy_pool::ThreadPool);
        assert!(runs == [1, 1], "lost jobs: runs per job {runs:?}");
    });
}

#[test]
fn draining_first_runs_every_job_once() {
    loom::model(|| {
        let runs = runs_per_job_before_shutdown!(thread_pool::ThreadPool);
        assert_eq!(runs, [1, 1], "each job must run exactly once");
    });
}
// ANCHOR_END: shutdown
