//! Chapter 15: whatever the timing of values and heartbeats, the buffered loop
//! delivers every complete pair of values, in order.

mod paused_clock;
mod proptest_cases;

use std::time::Duration;

use listings::async_rust::cancellation::buffered_frames::collect_frames;
use proptest::prelude::*;
use tokio::sync::mpsc;
use tokio::time::sleep;

proptest! {
    #![proptest_config(proptest_cases::cases(64))]

    // ANCHOR: random
    /// `gaps[i]` is the wait before value `i` is sent; `beat` is the heartbeat period.
    /// Together they put the heartbeat's cancellations at random points of the loop.
    /// An odd number of values leaves a lone half at the end, which makes no frame.
    #[test]
    fn no_value_is_lost_at_any_cancellation_point(
        gaps in prop::collection::vec(0u64..300, 0..40),
        beat in 1u64..200,
    ) {
        let runtime = paused_clock::runtime();
        let values: Vec<u32> = (1..=gaps.len() as u32).collect();
        let frames = runtime.block_on(async {
            let (sender, receiver) = mpsc::channel(4);
            let sending = values.clone();
            tokio::spawn(async move {
                for (value, gap) in sending.into_iter().zip(gaps) {
                    sleep(Duration::from_millis(gap)).await;
                    sender.send(value).await.unwrap();
                }
            });
            collect_frames(receiver, Duration::from_millis(beat)).await
        });
        let expected: Vec<(u32, u32)> =
            values.chunks_exact(2).map(|pair| (pair[0], pair[1])).collect();
        prop_assert_eq!(frames, expected);
    }
    // ANCHOR_END: random
}
