extern crate tokio;

use std::time::Duration;

use tokio::sync::mpsc::Receiver;
use tokio::time::{Instant, interval_at};

// ANCHOR: lossy
/// Reads one frame: two consecutive values. `None` once the channel is closed.
async fn read_frame(values: &mut Receiver<u32>) -> Option<(u32, u32)> {
    let first = values.recv().await?;
    let second = values.recv().await?; // a frame half read is held only in this future
    Some((first, second))
}

/// Collects frames while sending a heartbeat every `beat`. Returns the frames.
pub async fn collect_frames(mut values: Receiver<u32>, beat: Duration) -> Vec<(u32, u32)> {
    let mut heartbeat = interval_at(Instant::now() + beat, beat);
    let mut frames = Vec::new();
    loop {
        tokio::select! {
            biased;
            frame = read_frame(&mut values) => match frame {
                Some(frame) => frames.push(frame),
                None => return frames,
            },
            // When this branch wins, the `read_frame` future above is dropped, and
            // with it any first half it had already received.
            _ = heartbeat.tick() => {}
        }
    }
}
// ANCHOR_END: lossy

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
    // A heartbeat falls between every value and the next, so each value is read as
    // the first half of a frame and dropped with the `read_frame` future.
    assert_eq!(frames, [], "sent 1, 2, 3, 4; every one was lost");
}
