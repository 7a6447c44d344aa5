extern crate tokio;

use std::time::Duration;

use tokio::sync::mpsc::{self, Receiver};
use tokio::time::{Instant, interval_at, sleep};

// ANCHOR: solution
/// Collects the lines that arrive on `chunks`, while a heartbeat ticks every `beat`.
///
/// The bytes of a line may arrive split across several chunks, and one chunk may
/// hold several lines. Each line ends with `b'\n'` and is returned without it; bytes
/// after the last `\n` when the channel closes are an incomplete line, dropped.
pub async fn collect_lines(mut chunks: Receiver<Vec<u8>>, beat: Duration) -> Vec<Vec<u8>> {
    let mut heartbeat = interval_at(Instant::now() + beat, beat);
    let mut lines: Vec<Vec<u8>> = Vec::new();
    // The bytes of the line being read live here, outside any future that
    // `select!` may drop; `recv` itself is cancel-safe.
    // ANCHOR: answer
    let mut partial = Vec::new();
    loop {
        tokio::select! {
            biased;
            chunk = chunks.recv() => {
                let Some(chunk) = chunk else {
                    return lines; // closed: `partial` is an incomplete line
                };
                for byte in chunk {
                    if byte == b'\n' {
                        lines.push(std::mem::take(&mut partial));
                    } else {
                        partial.push(byte);
                    }
                }
            }
            _ = heartbeat.tick() => {}
        }
    }
    // ANCHOR_END: answer
}
// ANCHOR_END: solution

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
