use std::sync::{Barrier, Mutex};
use std::thread;

// ANCHOR: barrier
/// Each of `workers` threads records a partial result, waits at the barrier until
/// every thread has recorded its own, then reads the total. Returns what each saw.
pub fn totals_seen_after_barrier(partials: &[u64]) -> Vec<u64> {
    let recorded = Mutex::new(Vec::new());
    let everyone_recorded = Barrier::new(partials.len());
    thread::scope(|s| {
        let workers: Vec<_> = partials
            .iter()
            .map(|&partial| {
                let (recorded, barrier) = (&recorded, &everyone_recorded);
                s.spawn(move || {
                    recorded.lock().unwrap().push(partial);
                    barrier.wait(); // nobody passes until all have pushed
                    recorded.lock().unwrap().iter().sum::<u64>()
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap()).collect()
    })
}
// ANCHOR_END: barrier

fn main() {
    let seen = totals_seen_after_barrier(&[1, 2, 3, 4]);
    assert_eq!(seen, [10, 10, 10, 10]);
}
