use std::collections::VecDeque;
use std::sync::Mutex;
use std::thread;

// ANCHOR: guards
/// Asks from another thread whether `lock` is free right now.
pub fn held_elsewhere<T: Send>(lock: &Mutex<T>) -> bool {
    thread::scope(|s| s.spawn(|| lock.try_lock().is_err()).join().unwrap())
}

/// Records an entry, then runs `report` while still holding the lock:
/// a named guard lives until the end of its block.
pub fn record_named(log: &Mutex<Vec<String>>, entry: &str, report: impl FnOnce()) {
    let mut entries = log.lock().unwrap();
    entries.push(entry.to_owned());
    report(); // `entries` is still alive, so the lock is still held
}

/// Records an entry through a temporary guard, then runs `report` unlocked.
pub fn record_temporary(log: &Mutex<Vec<String>>, entry: &str, report: impl FnOnce()) {
    log.lock().unwrap().push(entry.to_owned()); // the guard is dropped at this `;`
    report();
}

/// Handles every queued job. The guard created in the `while let` condition
/// lives until the end of each pass through the body, so every job runs locked.
pub fn drain_holding(queue: &Mutex<VecDeque<u32>>, mut handle: impl FnMut(u32)) {
    while let Some(job) = queue.lock().unwrap().pop_front() {
        handle(job);
    }
}

/// Handles the next job, if there is one. The guard created in the `if let`
/// scrutinee lives until the end of the then-block, so the job runs locked here too.
pub fn handle_next_holding(queue: &Mutex<VecDeque<u32>>, handle: impl FnOnce(u32)) {
    if let Some(job) = queue.lock().unwrap().pop_front() {
        handle(job);
    }
}

/// Handles every queued job with the lock taken only to pop the next one.
pub fn drain_releasing(queue: &Mutex<VecDeque<u32>>, mut handle: impl FnMut(u32)) {
    loop {
        let next = queue.lock().unwrap().pop_front(); // guard dropped here
        let Some(job) = next else { break };
        handle(job);
    }
}

fn main() {
    let log = Mutex::new(Vec::new());
    let mut held = Vec::new();
    record_named(&log, "named", || held.push(held_elsewhere(&log)));
    record_temporary(&log, "temporary", || held.push(held_elsewhere(&log)));
    assert_eq!(held, [true, false]);
    assert_eq!(*log.lock().unwrap(), ["named", "temporary"]);

    // Each handled job, and whether the queue was locked while it ran.
    let queue = Mutex::new(VecDeque::from([1, 2, 3]));
    let mut handled = Vec::new();
    drain_holding(&queue, |job| handled.push((job, held_elsewhere(&queue))));
    assert_eq!(handled, [(1, true), (2, true), (3, true)]);

    queue.lock().unwrap().extend([4, 5, 6]);
    handle_next_holding(&queue, |job| handled.push((job, held_elsewhere(&queue))));
    drain_releasing(&queue, |job| handled.push((job, held_elsewhere(&queue))));
    assert_eq!(handled[3..], [(4, true), (5, false), (6, false)]);
}
// ANCHOR_END: guards
