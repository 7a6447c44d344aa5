extern crate crossbeam;

use crossbeam::channel::{self, Receiver, select};
use std::thread;

// ANCHOR: workers
/// An item names its producer and its place in that producer's sequence.
pub type Item = (usize, u32);

/// The same work as `run_std`, on a crossbeam channel: `Some(n)` is
/// `bounded(n)`, `None` is `unbounded()`. Receivers clone, so each consumer has
/// its own and no lock is needed.
pub fn run_crossbeam(counts: &[u32], consumers: usize, capacity: Option<usize>) -> Vec<Vec<Item>> {
    let (tx, rx) = match capacity {
        Some(n) => channel::bounded(n),
        None => channel::unbounded(),
    };
    thread::scope(|s| {
        for (p, &n) in counts.iter().enumerate() {
            let tx = tx.clone();
            s.spawn(move || (0..n).for_each(|seq| tx.send((p, seq)).unwrap()));
        }
        drop(tx);
        let takers: Vec<_> = (0..consumers)
            .map(|_| {
                let rx = rx.clone();
                // `iter` ends when every sender is gone and the channel is empty.
                s.spawn(move || rx.iter().collect::<Vec<Item>>())
            })
            .collect();
        takers.into_iter().map(|t| t.join().unwrap()).collect()
    })
}

/// Takes from two channels, whichever has an item, until both have ended.
pub fn merge<T>(mut a: Receiver<T>, mut b: Receiver<T>) -> Vec<T> {
    let mut out = Vec::new();
    let mut open = 2;
    while open > 0 {
        // A receive on a channel that has ended is "ready" too (it returns
        // `Err`), so an ended channel is swapped for one that never is.
        select! {
            recv(a) -> item => match item {
                Ok(item) => out.push(item),
                Err(_) => { a = channel::never(); open -= 1; }
            },
            recv(b) -> item => match item {
                Ok(item) => out.push(item),
                Err(_) => { b = channel::never(); open -= 1; }
            },
        }
    }
    out
}
// ANCHOR_END: workers

fn main() {
    let received = run_crossbeam(&[3, 2], 2, Some(1));
    let mut all: Vec<Item> = received.concat();
    all.sort_unstable();
    assert_eq!(all, [(0, 0), (0, 1), (0, 2), (1, 0), (1, 1)]);

    let (tx_a, a) = channel::unbounded();
    let (tx_b, b) = channel::bounded(2);
    let senders = thread::spawn(move || {
        for n in 0..5 {
            tx_a.send(("a", n)).unwrap();
            tx_b.send(("b", n)).unwrap();
        }
    });
    let merged = merge(a, b);
    senders.join().unwrap();
    assert_eq!(merged.len(), 10);
    for name in ["a", "b"] {
        let from: Vec<u32> = merged.iter().filter(|i| i.0 == name).map(|i| i.1).collect();
        assert_eq!(from, [0, 1, 2, 3, 4], "each channel's order is kept");
    }
}
