#[cfg(loom)]
use crate::shim::{sync, thread};
#[cfg(not(loom))]
use std::{sync, thread};

use sync::Arc;
use sync::atomic::{AtomicU32, Ordering};

// ANCHOR: fixed
/// Hands out the numbers 0, 1, 2, ... below `limit`, each to exactly one caller.
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
        // Check and increment in one step: if another thread moved `next` in the
        // meantime, `fetch_update` runs the closure again on the new value.
        self.next
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |next| {
                (next < self.limit).then(|| next + 1)
            })
            .ok()
    }
}
// ANCHOR_END: fixed

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
    assert_eq!(sold, (0..1_000).collect::<Vec<_>>());
}
