use std::sync::mpsc;
use std::thread;

// ANCHOR: oversplit
/// The work for one item: a handful of arithmetic instructions.
pub fn tiny(x: u64) -> u64 {
    x.wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(17)
}

/// What a strategy computed, and how many times it handed work to another thread.
#[derive(Debug, PartialEq, Eq)]
pub struct Outcome {
    pub sum: u64,
    pub handoffs: usize,
}

/// The reference: one loop, no threads.
pub fn sequential(items: &[u64]) -> Outcome {
    let sum = items.iter().map(|&x| tiny(x)).fold(0, u64::wrapping_add);
    Outcome { sum, handoffs: 0 }
}

/// A thread for every item.
pub fn thread_per_item(items: &[u64]) -> Outcome {
    thread::scope(|scope| {
        let workers: Vec<_> = items
            .iter()
            .map(|&x| scope.spawn(move || tiny(x)))
            .collect();
        let handoffs = workers.len();
        let sum = workers
            .into_iter()
            .map(|worker| worker.join().unwrap())
            .fold(0, u64::wrapping_add);
        Outcome { sum, handoffs }
    })
}

/// One worker thread, and a channel round trip for every item.
pub fn round_trip_per_item(items: &[u64]) -> Outcome {
    let (to_worker, inbox) = mpsc::channel();
    let (to_caller, answers) = mpsc::channel();
    thread::scope(|scope| {
        scope.spawn(move || {
            for x in inbox {
                to_caller.send(tiny(x)).unwrap();
            }
        });
        let mut outcome = Outcome {
            sum: 0,
            handoffs: 0,
        };
        for &x in items {
            to_worker.send(x).unwrap();
            outcome.sum = outcome.sum.wrapping_add(answers.recv().unwrap());
            outcome.handoffs += 1;
        }
        drop(to_worker); // ends the worker's loop, so the scope can join it
        outcome
    })
}

/// One chunk per thread: the handoffs no longer grow with the input.
pub fn chunk_per_thread(items: &[u64], threads: usize) -> Outcome {
    let chunk = items.len().div_ceil(threads).max(1);
    thread::scope(|scope| {
        let workers: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(move || sequential(part).sum))
            .collect();
        let handoffs = workers.len();
        let sum = workers
            .into_iter()
            .map(|worker| worker.join().unwrap())
            .fold(0, u64::wrapping_add);
        Outcome { sum, handoffs }
    })
}

fn main() {
    let items: Vec<u64> = (0..1_000).collect();
    let reference = sequential(&items);

    // Every strategy computes the same sum...
    let per_thread = thread_per_item(&items);
    let per_message = round_trip_per_item(&items);
    let chunked = chunk_per_thread(&items, 2);
    for outcome in [&per_thread, &per_message, &chunked] {
        assert_eq!(outcome.sum, reference.sum);
    }
    // ...but the first two pay a thread start, or two channel messages and a wake-up,
    // for each few-nanosecond item; the chunked one pays two thread starts in all.
    assert_eq!(per_thread.handoffs, 1_000);
    assert_eq!(per_message.handoffs, 1_000);
    assert_eq!(chunked.handoffs, 2);
}
// ANCHOR_END: oversplit
