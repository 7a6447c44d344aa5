// no_run: the part marked todo!() is yours to write
extern crate tokio;

use std::time::Duration;

use tokio::sync::mpsc::{self, Receiver};
use tokio::time::{Instant, interval_at, sleep};

// ANCHOR: exercise
/// Collects the lines that arrive on `chunks`, while a heartbeat ticks every `beat`.
///
/// The bytes of a line may arrive split across several chunks, and one chunk may
/// hold several lines. Each line ends with `b'\n'` and is returned without it; bytes
/// after the last `\n` when the channel closes are an incomplete line, dropped.
pub async fn collect_lines(mut chunks: Receiver<Vec<u8>>, beat: Duration) -> Vec<Vec<u8>> {
    let mut heartbeat = interval_at(Instant::now() + beat, beat);
    let mut lines: Vec<Vec<u8>> = Vec::new();
    // In a loop, `tokio::select!` between the next chunk and `heartbeat.tick()`,
    // with `biased;` as in Listing 15-4. No byte may be lost when the heartbeat wins.
    todo!("receive chunks, cut them into lines, return the lines once the channel closes")
}
// ANCHOR_END: exercise

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let (sender, receiver) = mpsc::channel(4);
    tokio::spawn(async move {
        for chunk in [&b"hel"[..], b"lo\nwor", b"ld\n\nbye"] {
            sleep(Duration::from_millis(150)).await;
            sender.send(chunk.to_vec()).await.unwrap();
        }
    });
    let lines = collect_lines(receiver, Duration::from_millis(100)).await;
    assert_eq!(lines, [&b"hello"[..], b"world", b""]);
}
