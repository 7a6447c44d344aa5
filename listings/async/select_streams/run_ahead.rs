extern crate futures;
extern crate tokio;

use std::cell::Cell;
use std::time::Duration;

use futures::stream::{self, Stream, StreamExt};
use tokio::sync::mpsc::{self, Receiver};
use tokio::time::sleep;

// ANCHOR: run_ahead
/// A channel's receiving end as a `Stream` (tokio-stream's `ReceiverStream` is the
/// same thing, in a crate of its own).
pub fn receiver_stream<T>(mut receiver: Receiver<T>) -> impl Stream<Item = T> + Unpin {
    stream::poll_fn(move |cx| receiver.poll_recv(cx))
}

/// A producer that makes `count` items as fast as it can, through a channel that
/// holds `capacity`, to a consumer that spends `per_item` on each.
/// Returns what the consumer got, and the most items the producer was ever ahead.
pub async fn run_ahead(count: u32, capacity: usize, per_item: Duration) -> (Vec<u32>, u32) {
    let (sent, received, most_ahead) = (Cell::new(0), Cell::new(0), Cell::new(0));
    let (sender, receiver) = mpsc::channel(capacity);

    let produce = async {
        for item in 0..count {
            sender.send(item).await.unwrap(); // waits while the channel is full
            sent.set(sent.get() + 1);
            most_ahead.set(most_ahead.get().max(sent.get() - received.get()));
        }
        drop(sender); // closes the channel: the stream ends after the last item
    };
    let consume = async {
        let mut got = Vec::new();
        let mut items = receiver_stream(receiver);
        while let Some(item) = items.next().await {
            received.set(received.get() + 1);
            got.push(item);
            sleep(per_item).await; // the slow part
        }
        got
    };
    // Both halves run in this one task, so plain `Cell`s can count.
    let ((), got) = tokio::join!(produce, consume);
    (got, most_ahead.get())
}
// ANCHOR_END: run_ahead

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let (got, most_ahead) = run_ahead(20, 4, Duration::from_millis(10)).await;
    assert_eq!(got, (0..20).collect::<Vec<_>>());
    assert_eq!(most_ahead, 4, "never more than the channel holds");
}
