extern crate tokio;

use tokio::sync::{broadcast, mpsc, oneshot, watch};

// ANCHOR: shapes
#[tokio::main(flavor = "current_thread")]
async fn main() {
    // mpsc: the receiver closes the channel, then drains what is already queued.
    let (tx, mut rx) = mpsc::channel(4);
    tx.send(1).await.unwrap();
    tx.send(2).await.unwrap();
    rx.close();
    assert!(tx.send(3).await.is_err(), "no new items after `close`");
    assert_eq!(rx.recv().await, Some(1));
    assert_eq!(rx.recv().await, Some(2));
    assert_eq!(rx.recv().await, None, "closed and drained");

    // broadcast: every receiver gets every item; one that falls behind by more
    // than the capacity loses the oldest and is told how many.
    let (tx, mut fast) = broadcast::channel(2);
    let mut slow = tx.subscribe();
    for n in 1..=3 {
        tx.send(n).unwrap();
        assert_eq!(fast.recv().await.unwrap(), n);
    }
    assert_eq!(
        slow.recv().await,
        Err(broadcast::error::RecvError::Lagged(1))
    );
    assert_eq!(slow.recv().await.unwrap(), 2);
    assert_eq!(slow.recv().await.unwrap(), 3);
    drop(tx);
    assert_eq!(slow.recv().await, Err(broadcast::error::RecvError::Closed));

    // watch: only the latest value is kept; a receiver sees the newest one.
    let (tx, mut config) = watch::channel("v1");
    tx.send("v2").unwrap();
    tx.send("v3").unwrap();
    config.changed().await.unwrap();
    assert_eq!(*config.borrow_and_update(), "v3", "v2 was never seen");
    drop(tx);
    assert!(
        config.changed().await.is_err(),
        "sender gone, latest value seen"
    );

    // oneshot: one value, once; a dropped sender is an error, not a hang.
    let (reply, answer) = oneshot::channel();
    reply.send(42).unwrap();
    assert_eq!(answer.await, Ok(42));
    let (reply, answer) = oneshot::channel::<u32>();
    drop(reply);
    assert!(answer.await.is_err());
}
// ANCHOR_END: shapes
