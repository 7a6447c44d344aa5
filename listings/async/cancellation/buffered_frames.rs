extern crate tokio;

use std::time::Duration;

use tokio::sync::mpsc::Receiver;
use tokio::time::{Instant, interval_at};

// ANCHOR: buffered
/// The same loop with the half-read frame kept *outside* the future that `select!`
/// may drop. `recv` itself is cancel-safe: tokio documents that if another branch
/// wins, no value has been taken from the channel.
pub async fn collect_frames(mut values: Receiver<u32>, beat: Duration) -> Vec<(u32, u32)> {
    let mut heartbeat = interval_at(Instant::now() + beat, beat);
    let mut frames = Vec::new();
    let mut first_half = None;
    loop {
        tokio::select! {
            biased;
            value = values.recv() => match (value, first_half.take()) {
                (None, _) => return frames,
                (Some(first), None) => first_half = Some(first),
                (Some(second), Some(first)) => frames.push((first, second)),
            },
            _ = heartbeat.tick() => {}
        }
    }
}
// ANCHOR_END: buffered

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let (sender, receiver) = tokio::sync::mpsc::channel(16);
    tokio::spawn(async move {
        for value in 1..=4 {
            sender.send(value).await.unwrap();
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
    });
    let frames = collect_frames(receiver, Duration::from_millis(100)).await;
    assert_eq!(frames, [(1, 2), (3, 4)]);
}
