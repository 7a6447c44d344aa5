extern crate futures;

use std::sync::atomic::{AtomicBool, Ordering};

// ANCHOR: forgot
static SAVED: AtomicBool = AtomicBool::new(false);

async fn save(record: &str) {
    println!("saving {record}");
    SAVED.store(true, Ordering::Relaxed);
}

async fn handle_order() {
    save("order 17"); // warning: unused implementer of `Future` that must be used
}

fn main() {
    futures::executor::block_on(handle_order());
    assert!(!SAVED.load(Ordering::Relaxed), "the record was never saved");
}
// ANCHOR_END: forgot
