use std::sync::mpsc::{self, RecvError};
use std::sync::{Arc, Mutex};
use std::thread;

// ANCHOR: workers
/// An item names its producer and its place in that producer's sequence.
pub type Item = (usize, u32);

/// Producer `p` sends `(p, 0)`, `(p, 1)`, ..., `(p, counts[p] - 1)` into a
/// `sync_channel(capacity)`, and `consumers` threads take items out. Returns what
/// each consumer received, in the order it received it.
pub fn run_std(counts: &[u32], consumers: usize, capacity: usize) -> Vec<Vec<Item>> {
    let (tx, rx) = mpsc::sync_channel(capacity);
    // std's channel has one `Receiver`: several consumers take turns through a lock.
    let rx = Arc::new(Mutex::new(rx));
    let takers: Vec<_> = (0..consumers)
        .map(|_| {
            let rx = Arc::clone(&rx);
            thread::spawn(move || {
                let mut got = Vec::new();
                loop {
                    // The guard is a temporary: it is dropped at the end of this
                    // statement, so the lock is not held while the item is handled.
                    let next = rx.lock().unwrap().recv();
                    match next {
                        Ok(item) => got.push(item),
                        // Every sender is gone and the buffer is empty.
                        Err(RecvError) => return got,
                    }
                }
            })
        })
        .collect();
    let makers: Vec<_> = counts
        .iter()
        .enumerate()
        .map(|(p, &n)| {
            let tx = tx.clone();
            thread::spawn(move || (0..n).for_each(|seq| tx.send((p, seq)).unwrap()))
        })
        .collect();
    drop(tx); // keep no sender here, or the consumers would wait forever
    makers.into_iter().for_each(|m| m.join().unwrap());
    takers.into_iter().map(|t| t.join().unwrap()).collect()
}
// ANCHOR_END: workers

fn main() {
    let received = run_std(&[3, 2], 2, 1);
    let mut all: Vec<Item> = received.concat();
    all.sort_unstable();
    assert_eq!(all, [(0, 0), (0, 1), (0, 2), (1, 0), (1, 1)]);
    for got in &received {
        for p in 0..2 {
            let seqs: Vec<u32> = got.iter().filter(|i| i.0 == p).map(|i| i.1).collect();
            assert!(
                seqs.is_sorted(),
                "consumer saw producer {p} out of order: {seqs:?}"
            );
        }
    }
}
