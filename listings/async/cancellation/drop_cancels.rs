extern crate tokio;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::time::{sleep, timeout};

// ANCHOR: drop
pub type Log = Arc<Mutex<Vec<String>>>;

/// Cleanup that must happen however the work ends: `Drop` runs on cancellation too.
struct ReleaseOnDrop {
    log: Log,
}

impl Drop for ReleaseOnDrop {
    fn drop(&mut self) {
        self.log.lock().unwrap().push("lease released".into());
    }
}

/// Two steps of work with a wait between them.
pub async fn two_steps(log: Log) {
    let _lease = ReleaseOnDrop {
        log: Arc::clone(&log),
    };
    log.lock().unwrap().push("step 1".into());
    sleep(Duration::from_secs(2)).await; // a cancelled future stops here for good
    log.lock().unwrap().push("step 2".into());
}

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    // `timeout` drops the future when time runs out, which cancels it.
    let log = Log::default();
    let outcome = timeout(Duration::from_secs(1), two_steps(Arc::clone(&log))).await;
    assert!(outcome.is_err(), "timed out");
    assert_eq!(*log.lock().unwrap(), ["step 1", "lease released"]);

    // `abort` cancels a spawned task the same way, at the `.await` where it waits.
    let log = Log::default();
    let task = tokio::spawn(two_steps(Arc::clone(&log)));
    sleep(Duration::from_secs(1)).await;
    task.abort();
    let error = task.await.unwrap_err();
    assert!(error.is_cancelled());
    assert_eq!(*log.lock().unwrap(), ["step 1", "lease released"]);
}
// ANCHOR_END: drop
