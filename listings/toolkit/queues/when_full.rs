extern crate tokio;

use std::time::Duration;
use tokio::sync::mpsc::{self, error::SendTimeoutError, error::TrySendError};
use tokio::time::{Instant, sleep};

// ANCHOR: policies
/// What a producer does with an item that finds the queue full.
#[derive(Debug, Clone, Copy)]
pub enum WhenFull {
    /// `send(..).await`: wait for room, however long it takes.
    Wait,
    /// `try_send`: drop the item and carry on.
    Drop,
    /// `try_send`: stop and report the item that did not fit.
    Fail,
    /// `send_timeout`: wait up to this long, then drop the item.
    WaitAtMost(Duration),
}

#[derive(Debug, PartialEq, Eq)]
pub struct Run {
    pub delivered: Vec<u32>,
    pub dropped: Vec<u32>,
    /// The item the producer stopped at, under `Fail`.
    pub failed_at: Option<u32>,
    /// When the producer finished, from its start (tokio's clock).
    pub producer_took: Duration,
}

/// A producer offers items `0..items`, one per millisecond, to a queue of
/// `capacity`; the consumer needs 10 ms per item.
pub async fn run(policy: WhenFull, items: u32, capacity: usize) -> Run {
    let (tx, mut rx) = mpsc::channel(capacity);
    let consumer = tokio::spawn(async move {
        let mut delivered = Vec::new();
        while let Some(item) = rx.recv().await {
            sleep(Duration::from_millis(10)).await; // the slow part
            delivered.push(item);
        }
        delivered
    });
    let start = Instant::now();
    let (mut dropped, mut failed_at) = (Vec::new(), None);
    for item in 0..items {
        match policy {
            WhenFull::Wait => tx.send(item).await.expect("the consumer is alive"),
            WhenFull::Drop => match tx.try_send(item) {
                Ok(()) => {}
                Err(TrySendError::Full(item)) => dropped.push(item),
                Err(TrySendError::Closed(_)) => unreachable!("the consumer is alive"),
            },
            WhenFull::Fail => {
                if let Err(TrySendError::Full(item)) = tx.try_send(item) {
                    failed_at = Some(item); // a real caller would return an error here
                    break;
                }
            }
            WhenFull::WaitAtMost(limit) => match tx.send_timeout(item, limit).await {
                Ok(()) => {}
                Err(SendTimeoutError::Timeout(item)) => dropped.push(item),
                Err(SendTimeoutError::Closed(_)) => unreachable!("the consumer is alive"),
            },
        }
        sleep(Duration::from_millis(1)).await; // the producer makes one item a millisecond
    }
    let producer_took = start.elapsed();
    drop(tx); // lets the consumer finish the queue and stop
    let delivered = consumer.await.unwrap();
    Run {
        delivered,
        dropped,
        failed_at,
        producer_took,
    }
}
// ANCHOR_END: policies

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let ms = Duration::from_millis;

    // Waiting delivers everything, at the consumer's pace: from item 3 on, each
    // send waits for the consumer to take an item, every 10 ms.
    let wait = run(WhenFull::Wait, 10, 2).await;
    assert_eq!(wait.delivered, (0..10).collect::<Vec<_>>());
    assert_eq!(wait.producer_took, ms(71));

    // Dropping keeps the producer at its own pace and loses what does not fit.
    let dropped = run(WhenFull::Drop, 10, 2).await;
    assert_eq!(dropped.delivered, [0, 1, 2]);
    assert_eq!(dropped.dropped, [3, 4, 5, 6, 7, 8, 9]);
    assert_eq!(dropped.producer_took, ms(10));

    // Failing stops at the first item that does not fit.
    let failed = run(WhenFull::Fail, 10, 2).await;
    assert_eq!(
        (failed.delivered, failed.failed_at),
        (vec![0, 1, 2], Some(3))
    );
    assert_eq!(failed.producer_took, ms(3));

    // Waiting 5 ms at most: items that find room in time get through.
    let patient = run(WhenFull::WaitAtMost(ms(5)), 10, 2).await;
    assert_eq!(patient.delivered, [0, 1, 2, 4, 6, 8]);
    assert_eq!(patient.dropped, [3, 5, 7, 9]);
    assert_eq!(patient.producer_took, ms(37));
}
