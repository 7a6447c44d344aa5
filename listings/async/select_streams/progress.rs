extern crate tokio;

use std::cell::Cell;
use std::pin::pin;
use std::time::Duration;

use tokio::time::{Instant, interval_at, sleep};

// ANCHOR: progress
/// A download that takes `takes`; `starts` counts how often one was begun.
pub async fn download(takes: Duration, starts: &Cell<u32>) -> Vec<u8> {
    starts.set(starts.get() + 1);
    sleep(takes).await;
    vec![0; 1024]
}

/// Runs one download, reporting progress every `beat`; gives up after `max_beats`.
/// Returns the bytes (if they came) and the number of progress reports.
pub async fn download_with_progress(
    takes: Duration,
    beat: Duration,
    max_beats: u32,
    starts: &Cell<u32>,
) -> (Option<Vec<u8>>, u32) {
    // Created once, before the loop, and pinned where it is.
    let mut fetch = pin!(download(takes, starts));
    let mut progress = interval_at(Instant::now() + beat, beat);
    let mut beats = 0;
    loop {
        tokio::select! {
            // `&mut fetch` is a new future each time round (a reference), and a
            // reference is all that is dropped when the other branch wins.
            bytes = &mut fetch => return (Some(bytes), beats),
            _ = progress.tick() => {
                beats += 1;
                if beats == max_beats {
                    return (None, beats);
                }
            }
        }
    }
}
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let (starts, begun) = (Cell::new(0), Instant::now());
    let ms = Duration::from_millis;
    let (bytes, beats) = download_with_progress(ms(350), ms(100), 10, &starts).await;
    assert_eq!(bytes.map(|b| b.len()), Some(1024));
    assert_eq!(beats, 3, "progress at 100, 200 and 300 ms");
    assert_eq!(begun.elapsed(), ms(350), "the first download finished");
    assert_eq!(starts.get(), 1, "and it was the only one");
}
// ANCHOR_END: progress
