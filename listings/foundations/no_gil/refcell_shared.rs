use std::cell::RefCell;
use std::sync::Arc;
use std::thread;

// ANCHOR: refused
fn main() {
    let log = Arc::new(RefCell::new(Vec::new()));
    let for_worker = Arc::clone(&log);
    // `RefCell` counts its borrows with a plain integer too: it is not `Sync`, so an
    // `Arc` of it is not `Send`.
    let worker = thread::spawn(move || for_worker.borrow_mut().push(1));
    worker.join().unwrap();
    log.borrow_mut().push(2);
}
// ANCHOR_END: refused
