//! Chapter 11: shared data gives the same answers as the sequential code, and the
//! ring delivers exactly what was pushed, in order, between threads and processes.

mod proptest_cases;

use std::os::unix::process::ExitStatusExt;
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::thread;
use std::time::Duration;

use listings::processes::shared_memory::arc_slice::sum_in_parts;
use listings::processes::shared_memory::padded_counters::{Packed, Padded, count};
use listings::processes::shared_memory::shared_ring::{MappedRing, Message, consume};
use listings::processes::shared_memory::split_in_place::{brighten_chunks, brighten_halves};
use proptest::prelude::*;

/// Pushes `messages` on one thread and pops them on another, through a ring in a
/// mapped file; returns what was popped.
fn through_mapped_ring(messages: &[Message]) -> Vec<Message> {
    let dir = tempfile::tempdir().unwrap();
    let mapped = MappedRing::create(&dir.path().join("ring")).unwrap();
    thread::scope(|s| {
        s.spawn(|| {
            let mut producer = mapped.ring().producer();
            for &message in messages {
                while producer.try_push(message).is_err() {
                    thread::yield_now();
                }
            }
        });
        let mut consumer = mapped.ring().consumer();
        let mut popped = Vec::with_capacity(messages.len());
        while popped.len() < messages.len() {
            match consumer.try_pop() {
                Some(message) => popped.push(message),
                None => thread::yield_now(),
            }
        }
        popped
    })
}

proptest! {
    #![proptest_config(proptest_cases::cases(64))]

    #[test]
    fn the_mapped_ring_delivers_any_messages_in_order(
        messages in prop::collection::vec(any::<[u64; 2]>(), 0..300)
    ) {
        prop_assert_eq!(through_mapped_ring(&messages), messages);
    }

    #[test]
    fn parts_of_an_arc_slice_sum_to_the_sequential_sum(
        samples in prop::collection::vec(any::<u32>(), 0..2_000),
        parts in 1usize..=5,
    ) {
        let expected: u64 = samples.iter().map(|&x| u64::from(x)).sum();
        let results = sum_in_parts(Arc::from(samples), parts);
        prop_assert_eq!(results.len(), parts);
        prop_assert_eq!(results.iter().map(|(sum, _)| sum).sum::<u64>(), expected);
    }

    #[test]
    fn brightening_in_place_matches_the_sequential_loop(
        pixels in prop::collection::vec(any::<u8>(), 0..20_000),
        offset in any::<u8>(),
    ) {
        let expected: Vec<u8> = pixels.iter().map(|p| p.saturating_add(offset)).collect();
        let mut halves = pixels.clone();
        brighten_halves(&mut halves, offset);
        prop_assert_eq!(&halves, &expected);
        let mut chunks = pixels;
        brighten_chunks(&mut chunks, offset);
        prop_assert_eq!(&chunks, &expected);
    }

    #[test]
    fn every_thread_counts_on_its_own_counter(threads in 1usize..=4, times in 0u64..2_000) {
        let packed = Packed::new(threads);
        count(&packed.0.iter().collect::<Vec<_>>(), times);
        let padded = Padded::new(threads);
        count(&padded.0.iter().map(|c| &**c).collect::<Vec<&AtomicU64>>(), times);
        prop_assert!(packed.0.iter().all(|c| c.load(Relaxed) == times));
        prop_assert!(padded.0.iter().all(|c| c.load(Relaxed) == times));
    }
}

proptest! {
    // Each case starts a process: keep the count small.
    #![proptest_config(proptest_cases::cases(12))]

    #[test]
    fn two_processes_deliver_exactly_what_was_published(
        count in 0u64..3_000,
        crash_after in prop::option::of(0u64..3_000),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let mut producer = Command::new(env!("CARGO_BIN_EXE_ring_demo"));
        if let Some(n) = crash_after {
            producer.arg("--crash-after").arg(n.to_string());
        }
        let report = consume(producer, &dir.path().join("ring"), count, Duration::from_secs(60)).unwrap();
        match crash_after {
            // A crash after `n` messages: every one of them arrives, then the abort
            // is reported, unless the consumer had all it wanted first.
            Some(n) if n < count => {
                prop_assert_eq!(report.received, n);
                prop_assert_eq!(report.producer.signal(), Some(6));
            }
            _ => prop_assert_eq!(report.received, count),
        }
    }
}
