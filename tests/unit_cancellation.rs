//! Chapter 15 on tokio's paused clock: cancellation points, shutdown, and the lost
//! half-frame.

use std::sync::Arc;
use std::time::Duration;

use listings::async_rust::cancellation::drop_cancels::{Log, two_steps};
use listings::async_rust::cancellation::graceful_shutdown::run_then_shut_down;
use listings::async_rust::cancellation::{buffered_frames, lossy_frames};
use tokio::sync::mpsc;
use tokio::time::{sleep, timeout};

/// Sends `values`, waiting `gap` after each; the channel closes after the last.
fn send_spaced(values: Vec<u32>, gap: Duration) -> mpsc::Receiver<u32> {
    let (sender, receiver) = mpsc::channel(values.len().max(1));
    tokio::spawn(async move {
        for value in values {
            sender.send(value).await.unwrap();
            sleep(gap).await;
        }
    });
    receiver
}

// ANCHOR: loss
#[tokio::test(start_paused = true)]
async fn a_heartbeat_between_two_halves_loses_the_first() {
    // Values every 150 ms, heartbeats every 100 ms: each heartbeat fires while
    // `read_frame` holds a value it has just read and waits for the next one.
    let values = send_spaced(vec![1, 2, 3, 4, 5, 6], Duration::from_millis(150));
    let frames = lossy_frames::collect_frames(values, Duration::from_millis(100)).await;
    assert_eq!(frames, [], "all six values were dropped as first halves");

    let values = send_spaced(vec![1, 2, 3, 4, 5, 6], Duration::from_millis(150));
    let frames = buffered_frames::collect_frames(values, Duration::from_millis(100)).await;
    assert_eq!(frames, [(1, 2), (3, 4), (5, 6)]);
}
// ANCHOR_END: loss

#[tokio::test(start_paused = true)]
async fn timeout_cancels_at_the_await_and_still_runs_drop() {
    let log = Log::default();
    assert!(
        timeout(Duration::from_secs(1), two_steps(Arc::clone(&log)))
            .await
            .is_err()
    );
    sleep(Duration::from_secs(10)).await;
    assert_eq!(
        *log.lock().unwrap(),
        ["step 1", "lease released"],
        "step 2 never ran"
    );
}

#[tokio::test(start_paused = true)]
async fn shutdown_stops_every_worker_and_each_flushes() {
    let (work, flushed) = run_then_shut_down(4, Duration::from_millis(1_050)).await;
    assert_eq!(flushed, [0, 1, 2, 3]);
    assert_eq!(work, [11, 11, 11, 11]); // ticks at 0, 100, ..., 1000 ms
}
