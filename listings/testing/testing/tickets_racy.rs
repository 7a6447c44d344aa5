#[cfg(loom)]
use crate::shim::{sync, thread};
#[cfg(not(loom))]
use std::{sync, thread};

use sync::Arc;
use sync::atomic::{AtomicU32, Ordering};

// ANCHOR: racy
/// Hands out the numbers 0, 1, 2, ... below `limit`, each to one caller, or so it
/// means to.
pub struct Tickets {
    next: AtomicU32,
    limit: u32,
}

impl Tickets {
    pub fn new(limit: u32) -> Self {
        Tickets {
            next: AtomicU32::new(0),
            limit,
        }
    }

    /// The next ticket, or `None` once every ticket is gone.
    pub fn take(&self) -> Option<u32> {
        let next = self.next.load(Ordering::Relaxed);
        if next == self.limit {
            return None;
        }
        // Another thread can read the same `next` before this store lands.
        self.next.store(next + 1, Ordering::Relaxed);
        Some(next)
    }
}
// ANCHOR_END: racy

fn main() {
    let tickets = Arc::new(Tickets::new(1_000));
    let buyers: Vec<_> = (0..4)
        .map(|_| {
            let tickets = Arc::clone(&tickets);
            thread::spawn(move || {
                let mut mine = Vec::new();
                while let Some(ticket) = tickets.take() {
                    mine.push(ticket);
                }
                mine
            })
        })
        .collect();
    let mut sold: Vec<u32> = buyers
        .into_iter()
        .flat_map(|buyer| buyer.join().unwrap())
        .collect();
    sold.sort_unstable();
    let handed_out = sold.len();
    sold.dedup();
    // Often more than 1000 tickets handed out, some of them twice (see the text);
    // never a number outside 0..1000.
    println!("{handed_out} tickets handed out, {} different", sold.len());
    assert!(handed_out >= 1_000 && sold == (0..1_000).collect::<Vec<_>>());
}
