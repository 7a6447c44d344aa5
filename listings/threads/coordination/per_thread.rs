use std::cell::RefCell;
use std::sync::atomic::{AtomicU32, Ordering};
use std::thread;

// ANCHOR: local
/// Stands in for a database connection: expensive to open, not to be shared.
pub struct Connection {
    pub id: u32,
    pub queries: u32,
}

static NEXT_ID: AtomicU32 = AtomicU32::new(1);

thread_local! {
    /// Each thread gets its own connection, opened on its first use.
    static CONNECTION: RefCell<Connection> = RefCell::new(Connection {
        id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
        queries: 0,
    });
}

/// Runs a query on this thread's connection; returns (connection id, queries so far).
pub fn query() -> (u32, u32) {
    CONNECTION.with_borrow_mut(|connection| {
        connection.queries += 1;
        (connection.id, connection.queries)
    })
}
// ANCHOR_END: local

fn main() {
    let (mine, _) = query();
    assert_eq!(query(), (mine, 2), "same thread, same connection");
    let theirs = thread::spawn(|| (query(), query())).join().unwrap();
    assert_ne!(theirs.0.0, mine, "another thread opens its own");
    assert_eq!(theirs.1, (theirs.0.0, 2));
}
