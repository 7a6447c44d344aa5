extern crate crossbeam;

use crossbeam::channel::{self, TrySendError};

// ANCHOR: overload
/// The queue as it stood at the end of one step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sample {
    pub queued: usize,
    /// Payload bytes held by the queued messages.
    pub bytes: usize,
    /// Messages turned away so far because the queue was full.
    pub refused: usize,
}

/// Runs a producer and a consumer in lockstep on one thread: each step the
/// producer offers `made` messages of `size` bytes and the consumer takes up to
/// `taken`. With `capacity` the queue is `bounded`, and a message that finds it
/// full is refused (`try_send`); without, it is `unbounded`. One sample per step.
pub fn overload(
    steps: usize,
    made: usize,
    taken: usize,
    size: usize,
    capacity: Option<usize>,
) -> Vec<Sample> {
    let (tx, rx) = match capacity {
        Some(n) => channel::bounded(n),
        None => channel::unbounded(),
    };
    let (mut bytes, mut refused) = (0, 0);
    let mut samples = Vec::with_capacity(steps);
    for _ in 0..steps {
        for _ in 0..made {
            match tx.try_send(vec![0u8; size]) {
                Ok(()) => bytes += size,
                Err(TrySendError::Full(_message)) => refused += 1, // dropped here
                Err(TrySendError::Disconnected(_)) => unreachable!("`rx` is alive"),
            }
        }
        for message in rx.try_iter().take(taken) {
            bytes -= message.len(); // the consumer's work goes here
        }
        samples.push(Sample {
            queued: rx.len(),
            bytes,
            refused,
        });
    }
    samples
}
// ANCHOR_END: overload

fn main() {
    // A producer making 3 messages of 1 KiB a step, a consumer handling 2.
    let unbounded = overload(1_000, 3, 2, 1024, None);
    for (step, sample) in (1..).zip(&unbounded) {
        assert_eq!(sample.queued, step, "one more message queued every step");
        assert_eq!(sample.bytes, step * 1024);
    }
    assert_eq!(
        unbounded.last().unwrap().bytes,
        1_000 * 1024,
        "and still growing"
    );

    let bounded = overload(1_000, 3, 2, 1024, Some(8));
    assert!(bounded.iter().all(|s| s.queued <= 8 && s.bytes <= 8 * 1024));
    // Once full, the queue refuses the one message a step it cannot take.
    assert_eq!(bounded.last().unwrap().refused, 1_000 - 6);
}
