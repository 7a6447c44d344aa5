//! Chapter 14 with fixed inputs, on tokio's paused clock: a pinned future survives
//! the `select!` rounds it loses, `select!` starts at a random branch unless
//! `biased;`, the batcher's deadline, precondition and `else`, a lazy stream, and a
//! producer held back by a bounded channel. On a real loopback socket (and the real
//! clock, for a 10 s deadline): a `read_exact` that loses a round loses bytes, and a
//! `FramedRead` keeps them.

use std::cell::Cell;
use std::pin::pin;
use std::time::Duration;

use futures::StreamExt;
use listings::async_rust::select_streams::batcher::batch;
use listings::async_rust::select_streams::fairness::{wins_by_default, wins_when_biased};
use listings::async_rust::select_streams::pages::pages;
use listings::async_rust::select_streams::progress::download_with_progress;
use listings::async_rust::select_streams::run_ahead::run_ahead;
use listings::async_rust::select_streams::socket_frames::{
    frames_by_codec, frames_by_read_exact, half_frame_then_tick,
};
use tokio::sync::mpsc;
use tokio::time::{Instant, sleep};

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

// ANCHOR: progress
#[tokio::test(start_paused = true)]
async fn the_pinned_download_survives_the_rounds_it_loses() {
    let (starts, begun) = (Cell::new(0), Instant::now());
    let (bytes, beats) = download_with_progress(ms(350), ms(100), 10, &starts).await;
    assert_eq!((bytes.map(|b| b.len()), beats), (Some(1024), 3));
    assert_eq!(begun.elapsed(), ms(350));
    assert_eq!(starts.get(), 1, "one download, polled across four rounds");

    // Giving up after five reports drops the download, still begun only once.
    let (starts, begun) = (Cell::new(0), Instant::now());
    let (bytes, beats) = download_with_progress(ms(1_000), ms(100), 5, &starts).await;
    assert_eq!((bytes, beats), (None, 5));
    assert_eq!(begun.elapsed(), ms(500));
    assert_eq!(starts.get(), 1);
}
// ANCHOR_END: progress

#[tokio::test]
async fn select_starts_at_a_random_branch_unless_biased() {
    let [first, second] = wins_by_default(1_000).await;
    // A fair coin: one side winning all 1,000 rounds has probability 2 in 2^1000.
    assert!(first > 0 && second > 0, "first {first}, second {second}");
    assert_eq!(first + second, 1_000);
    assert_eq!(wins_when_biased(1_000).await, [1_000, 0]);
}

/// Sends item `i + 1` after waiting `gaps[i]` ms; the channel closes after the last.
fn send_spaced(gaps: Vec<u64>) -> mpsc::Receiver<u32> {
    let (sender, receiver) = mpsc::channel(gaps.len().max(1));
    tokio::spawn(async move {
        for (item, gap) in (1..).zip(gaps) {
            sleep(ms(gap)).await;
            sender.send(item).await.unwrap();
        }
    });
    receiver
}

#[tokio::test(start_paused = true)]
async fn a_batch_leaves_when_full_or_when_due() {
    let begun = Instant::now();
    // 1 at 0 ms, leaves alone at 100 ms; 2 at 120 ms, 3 and 4 at 170 ms fill its
    // batch (max 3); 5 at 180 ms leaves at 280 ms.
    let batches = batch(send_spaced(vec![0, 120, 50, 0, 10]), 3, ms(100)).await;
    assert_eq!(batches, [vec![1], vec![2, 3, 4], vec![5]]);
    assert_eq!(begun.elapsed(), ms(280));

    // Nothing sent at all: both branches are disabled at once, and `else` returns.
    let batches = batch(send_spaced(vec![]), 3, ms(100)).await;
    assert_eq!(batches, Vec::<Vec<u32>>::new());
}

// Without `biased;`, `select!` polls a random branch first, so each tie is a coin toss
// and a batcher without it gets all 64 right with probability 2^-64: it fails this
// test all but once in 2^64 runs. With the branches swapped it fails at the first tie.
// ANCHOR: tie
#[tokio::test(start_paused = true)]
async fn when_the_deadline_and_an_item_are_both_ready_the_deadline_wins() {
    const TIES: u32 = 64;
    let (sender, receiver) = mpsc::channel(8);
    sender.send(1).await.unwrap();
    let mut batching = pin!(batch(receiver, 3, ms(100)));
    // One poll: the batcher takes item 1, whose batch is due at 100 ms, and waits.
    assert!(futures::poll!(batching.as_mut()).is_pending());
    for item in 2..=TIES + 1 {
        // Move the clock to the deadline and send the next item before the batcher
        // runs again, so that in its next round both branches are ready. The batch
        // leaves, and the item opens the next one, due 100 ms later.
        tokio::time::advance(ms(100)).await;
        sender.send(item).await.unwrap();
        assert!(futures::poll!(batching.as_mut()).is_pending());
    }
    drop(sender);
    let one_item_each: Vec<Vec<u32>> = (1..=TIES + 1).map(|item| vec![item]).collect();
    assert_eq!(batching.await, one_item_each);
}
// ANCHOR_END: tie

#[tokio::test(start_paused = true)]
async fn an_unfold_stream_requests_a_page_only_when_asked() {
    let requested = Cell::new(0);
    let begun = Instant::now();
    let mut first_two = pin!(pages(100, &requested).take(2));
    assert_eq!(first_two.next().await, Some(vec![10, 11]));
    assert_eq!(requested.get(), 1);
    assert_eq!(first_two.next().await, Some(vec![20, 21]));
    assert_eq!(first_two.next().await, None);
    sleep(ms(1_000)).await;
    assert_eq!(requested.get(), 2, "pages 3 to 100 were never requested");
    assert_eq!(begun.elapsed(), ms(1_020));
}

#[tokio::test(start_paused = true)]
async fn the_producer_runs_ahead_by_the_channel_capacity_and_no_further() {
    for capacity in [1, 2, 4, 7] {
        let (got, most_ahead) = run_ahead(30, capacity, ms(10)).await;
        assert_eq!(got, (0..30).collect::<Vec<_>>());
        assert_eq!(most_ahead, capacity as u32, "capacity {capacity}");
    }
}

#[tokio::test]
async fn read_exact_loses_the_bytes_it_read_before_a_tick_won() {
    let lost = half_frame_then_tick(frames_by_read_exact)
        .await
        .unwrap_err();
    // The 8 bytes read before the tick went with the dropped future, so the reader
    // took the rest of the frame, "efgh", for the next length.
    assert_eq!(lost.to_string(), "a frame of 1701209960 bytes");
    assert_eq!(u32::from_be_bytes(*b"efgh"), 1_701_209_960);
}

#[tokio::test]
async fn a_framed_read_keeps_the_half_frame_across_the_tick() {
    let frames = half_frame_then_tick(frames_by_codec).await.unwrap();
    assert_eq!(frames, [b"abcdefgh".to_vec(), b"hello".to_vec()]);
}
