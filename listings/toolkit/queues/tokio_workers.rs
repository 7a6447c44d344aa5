extern crate tokio;

use std::sync::Arc;
use tokio::sync::{Mutex, mpsc};
use tokio::task::JoinSet;

// ANCHOR: workers
/// An item names its producer and its place in that producer's sequence.
pub type Item = (usize, u32);

/// The same work on tokio: producer and consumer tasks around an
/// `mpsc::channel(capacity)` (capacity 1 or more). There is one `Receiver`, so
/// consumers share it through tokio's `Mutex`, whose guard may be held across
/// the `.await` of `recv`.
pub async fn run_tokio(counts: &[u32], consumers: usize, capacity: usize) -> Vec<Vec<Item>> {
    let (tx, rx) = mpsc::channel(capacity);
    let rx = Arc::new(Mutex::new(rx));
    let mut makers = JoinSet::new();
    for (p, &n) in counts.iter().enumerate() {
        let tx = tx.clone();
        makers.spawn(async move {
            for seq in 0..n {
                // Waits while the channel is full: this is the back-pressure.
                tx.send((p, seq)).await.unwrap();
            }
        });
    }
    drop(tx);
    let takers: Vec<_> = (0..consumers)
        .map(|_| {
            let rx = Arc::clone(&rx);
            tokio::spawn(async move {
                let mut got = Vec::new();
                loop {
                    let next = rx.lock().await.recv().await;
                    match next {
                        Some(item) => got.push(item),
                        None => return got, // closed, and nothing left to drain
                    }
                }
            })
        })
        .collect();
    makers.join_all().await;
    let mut received = Vec::new();
    for taker in takers {
        received.push(taker.await.unwrap());
    }
    received
}
// ANCHOR_END: workers

#[tokio::main]
async fn main() {
    let received = run_tokio(&[3, 2], 2, 1).await;
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
