//! Chapter 8 under loom: shutting a pool down with jobs still queued.
#![cfg(loom)]

use listings::shim::sync::Arc;
use listings::shim::sync::atomic::{AtomicUsize, Ordering};
use listings::threads::pools::{lossy_pool, thread_pool};

// ANCHOR: shutdown
/// Submits two jobs to a pool of two workers, drops the pool at once, and returns
/// how many jobs ran.
macro_rules! jobs_run_before_shutdown {
    ($pool:ty) => {{
        let ran = Arc::new(AtomicUsize::new(0));
        let pool = <$pool>::new(2);
        for _ in 0..2 {
            let ran = Arc::clone(&ran);
            pool.execute(move || {
                ran.fetch_add(1, Ordering::Relaxed);
            });
        }
        drop(pool); // joins the workers
        ran.load(Ordering::Relaxed)
    }};
}

#[test]
#[should_panic(expected = "lost jobs")]
fn closing_first_loses_queued_jobs() {
    loom::model(|| {
        let ran = jobs_run_before_shutdown!(lossy_pool::ThreadPool);
        assert!(ran == 2, "lost jobs: {ran} of 2 ran");
    });
}

#[test]
fn draining_first_runs_every_job_once() {
    loom::model(|| {
        let ran = jobs_run_before_shutdown!(thread_pool::ThreadPool);
        assert!(ran == 2, "lost jobs: {ran} of 2 ran");
    });
}
// ANCHOR_END: shutdown
