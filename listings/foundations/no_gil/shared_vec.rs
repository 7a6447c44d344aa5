use std::sync::Arc;
use std::thread;

// ANCHOR: refused
fn main() {
    let log = Arc::new(Vec::new());
    let writers: Vec<_> = (0..2)
        .map(|id| {
            let log = Arc::clone(&log);
            // `Arc` hands out shared references only: no `push` without a lock.
            thread::spawn(move || log.push(id))
        })
        .collect();
    for writer in writers {
        writer.join().unwrap();
    }
}
// ANCHOR_END: refused
