extern crate futures;
extern crate tokio;

use std::time::Duration;

use futures::FutureExt;
use tokio::time::{Instant, sleep, timeout};

// ANCHOR: future_api
/// A job that works for `secs` seconds and then returns `value`.
async fn answer(secs: u64, value: u32) -> u32 {
    sleep(Duration::from_secs(secs)).await;
    value
}

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let start = Instant::now();
    let mut handle = tokio::spawn(answer(2, 42));

    // done()
    assert!(!handle.is_finished());

    // result(timeout=1): stop waiting after 1 s. Only the waiting stops: the task runs on.
    assert!(timeout(Duration::from_secs(1), &mut handle).await.is_err());
    assert_eq!(start.elapsed(), Duration::from_secs(1));
    assert!(!handle.is_finished());

    // result(): wait for the value, here at 2 s.
    assert_eq!(handle.await.unwrap(), 42);
    assert_eq!(start.elapsed(), Duration::from_secs(2));

    // exception(): a job's own errors are its `Result`; a panic comes back as a `JoinError`.
    let failing = tokio::spawn(async { "forty-two".parse::<u32>() });
    assert!(
        failing.await.unwrap().is_err(),
        "the job returned its error"
    );
    let panicking = tokio::spawn(async { panic!("job 7 crashed") });
    let crash = panicking.await.unwrap_err();
    assert!(crash.is_panic());
    assert_eq!(
        *crash.into_panic().downcast::<&str>().unwrap(),
        "job 7 crashed"
    );

    // cancel(): `abort` works even on a running task, at its next `.await`.
    let doomed = tokio::spawn(answer(10, 0));
    sleep(Duration::from_secs(1)).await; // it is now waiting inside its sleep
    doomed.abort();
    assert!(doomed.await.unwrap_err().is_cancelled());

    // add_done_callback(fn): write what happens next after the `.await`, or with `map`.
    let handle = tokio::spawn(answer(1, 21));
    let then_doubled = handle.map(|result| result.unwrap() * 2);
    assert_eq!(then_doubled.await, 42);
}
// ANCHOR_END: future_api
