//! Chapter 14: the batcher against a sequential reference, and the producer behind a
//! bounded channel, for random timings on tokio's paused clock.

mod paused_clock;
mod proptest_cases;

use std::time::Duration;

use listings::async_rust::select_streams::batcher::batch;
use listings::async_rust::select_streams::run_ahead::run_ahead;
use proptest::prelude::*;
use tokio::sync::mpsc;
use tokio::time::{Instant, sleep};

// ANCHOR: reference
/// The batches, and the time the loop ends, worked out one item at a time: item
/// `i + 1` arrives `gaps[i]` ms after the one before it.
fn batches_by_hand(gaps: &[u64], max: usize, wait: u64) -> (Vec<Vec<u32>>, u64) {
    let (mut batches, mut batch, mut due, mut now) = (Vec::new(), Vec::new(), 0, 0);
    for (item, gap) in (1..).zip(gaps) {
        now += gap;
        if !batch.is_empty() && now > due {
            batches.push(std::mem::take(&mut batch));
        }
        if batch.is_empty() {
            due = now + wait;
        }
        batch.push(item);
        if batch.len() == max {
            batches.push(std::mem::take(&mut batch));
        }
    }
    if !batch.is_empty() {
        batches.push(batch);
        now = due; // the last batch waits for its deadline
    }
    (batches, now)
}
// ANCHOR_END: reference

proptest! {
    #![proptest_config(proptest_cases::cases(64))]

    // ANCHOR: batches
    #[test]
    fn batches_match_the_sequential_reference(
        half_gaps in prop::collection::vec(prop_oneof![Just(0u64), 0u64..75], 0..40),
        max in 1usize..6,
        half_wait in 0u64..60,
    ) {
        // Items arrive at even milliseconds and batches fall due at odd ones, so no
        // item arrives at the very instant a batch is due (that tie is decided by
        // which task tokio wakes first; the unit test sets it up by hand).
        let gaps: Vec<u64> = half_gaps.iter().map(|gap| 2 * gap).collect();
        let wait = 2 * half_wait + 1;
        let (expected, ends_at) = batches_by_hand(&gaps, max, wait);
        let (batches, took) = paused_clock::runtime().block_on(async {
            let (sender, receiver) = mpsc::channel(gaps.len().max(1));
            let spaced = gaps.clone();
            tokio::spawn(async move {
                for (item, gap) in (1..).zip(spaced) {
                    sleep(Duration::from_millis(gap)).await;
                    sender.send(item).await.unwrap();
                }
            });
            let begun = Instant::now();
            let batches = batch(receiver, max, Duration::from_millis(wait)).await;
            (batches, begun.elapsed())
        });
        prop_assert_eq!(batches, expected);
        prop_assert_eq!(took, Duration::from_millis(ends_at));
    }
    // ANCHOR_END: batches

    // ANCHOR: run_ahead
    #[test]
    fn the_producer_is_never_more_than_capacity_ahead(
        count in 0u32..60,
        capacity in 1usize..9,
        per_item in 0u64..20,
    ) {
        let (got, most_ahead) = paused_clock::runtime()
            .block_on(run_ahead(count, capacity, Duration::from_millis(per_item)));
        prop_assert_eq!(got, (0..count).collect::<Vec<_>>());
        // It fills the channel before the consumer takes the first item, and no more.
        prop_assert_eq!(most_ahead, count.min(capacity as u32));
    }
    // ANCHOR_END: run_ahead
}
