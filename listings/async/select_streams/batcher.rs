extern crate tokio;

use std::time::Duration;

use tokio::sync::mpsc::Receiver;
use tokio::time::{Instant, sleep, sleep_until};

// ANCHOR: batcher
/// Groups items into batches of at most `max`. A batch is sent off when it is full,
/// or `wait` after its first item arrived, whichever comes first.
pub async fn batch(mut items: Receiver<u32>, max: usize, wait: Duration) -> Vec<Vec<u32>> {
    let mut batches = Vec::new();
    let mut batch = Vec::new();
    let mut due = Instant::now(); // meaningful only while `batch` is not empty
    loop {
        tokio::select! {
            // The deadline is checked first, so that when it and an item arrive at
            // the same instant, the batch goes out and the item starts the next one.
            biased;
            () = sleep_until(due), if !batch.is_empty() => {
                batches.push(std::mem::take(&mut batch));
            }
            // `recv` returns `None` once the channel is closed and empty. That does
            // not match `Some`, so the branch is disabled for this round.
            Some(item) = items.recv() => {
                if batch.is_empty() {
                    due = Instant::now() + wait;
                }
                batch.push(item);
                if batch.len() == max {
                    batches.push(std::mem::take(&mut batch));
                }
            }
            // Both branches disabled: the channel is closed and nothing is waiting.
            else => return batches,
        }
    }
}
// ANCHOR_END: batcher

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let (sender, receiver) = tokio::sync::mpsc::channel(8);
    tokio::spawn(async move {
        // (item, wait before sending it in ms); the channel closes after item 6.
        for (item, gap) in [(1, 0), (2, 0), (3, 0), (4, 50), (5, 150), (6, 10)] {
            sleep(Duration::from_millis(gap)).await;
            sender.send(item).await.unwrap();
        }
    });
    let begun = Instant::now();
    let batches = batch(receiver, 3, Duration::from_millis(100)).await;
    // [1, 2, 3] is full at once; 4 arrives at 50 ms and leaves alone at 150 ms;
    // 5 and 6 arrive at 200 and 210 ms and leave at 300 ms; then the loop ends.
    assert_eq!(batches, [vec![1, 2, 3], vec![4], vec![5, 6]]);
    assert_eq!(begun.elapsed(), Duration::from_millis(300));
}
