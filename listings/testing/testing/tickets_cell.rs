use std::cell::Cell;
use std::thread;

// ANCHOR: refused
/// Tickets for one thread: a `Cell` lets `take` count through `&self`, and a `Cell`
/// is not `Sync`.
pub struct TicketRoll {
    next: Cell<u32>,
    limit: u32,
}

impl TicketRoll {
    pub fn take(&self) -> Option<u32> {
        let next = self.next.get();
        (next < self.limit).then(|| {
            self.next.set(next + 1);
            next
        })
    }
}

fn main() {
    let roll = TicketRoll {
        next: Cell::new(0),
        limit: 2,
    };
    thread::scope(|s| {
        s.spawn(|| roll.take());
        roll.take();
    });
}
// ANCHOR_END: refused
