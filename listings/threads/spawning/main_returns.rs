use std::sync::mpsc;
use std::thread;
use std::time::Duration;

// ANCHOR: detached
fn main() {
    let (started, wait_for_start) = mpsc::channel();
    let worker = thread::spawn(move || {
        started.send(()).unwrap();
        // An hour of "background work". Nobody joins this thread.
        thread::sleep(Duration::from_secs(3600));
        println!("never printed");
    });
    wait_for_start.recv().unwrap();
    assert!(!worker.is_finished(), "the worker is still asleep");
    // `main` returns now; the process exits at once, and the sleeping thread with it.
}
// ANCHOR_END: detached
