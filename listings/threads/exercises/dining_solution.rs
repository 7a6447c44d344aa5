#[cfg(loom)]
use crate::shim::{sync, thread};
#[cfg(not(loom))]
use std::{sync, thread};

use sync::{Arc, Mutex};

// ANCHOR: solution
/// Philosopher `seat` sits between fork `seat` on the left and fork
/// `(seat + 1) % seats` on the right. Returns those two forks in the order the
/// philosopher picks them up: always the lower-numbered fork first, so the forks are
/// taken in one global order and no cycle of philosophers can wait on each other.
pub fn pick_up_order(seat: usize, seats: usize) -> (usize, usize) {
    // ANCHOR: answer
    let (left, right) = (seat, (seat + 1) % seats);
    // One global order for every philosopher: the lower-numbered fork first.
    (left.min(right), left.max(right))
    // ANCHOR_END: answer
}
// ANCHOR_END: solution

/// One meal: both forks held at once. Each fork counts how often it was used.
pub fn eat(seat: usize, forks: &[Mutex<u32>]) {
    let (first, second) = pick_up_order(seat, forks.len());
    let mut first = forks[first].lock().unwrap();
    let mut second = forks[second].lock().unwrap();
    *first += 1;
    *second += 1;
}

/// `seats` philosophers, one thread each, eat `meals` times; returns how often each
/// fork was used.
pub fn dinner(seats: usize, meals: usize) -> Vec<u32> {
    let forks: Arc<Vec<Mutex<u32>>> = Arc::new((0..seats).map(|_| Mutex::new(0)).collect());
    let philosophers: Vec<_> = (0..seats)
        .map(|seat| {
            let forks = Arc::clone(&forks);
            thread::spawn(move || {
                for _ in 0..meals {
                    eat(seat, &forks);
                }
            })
        })
        .collect();
    for philosopher in philosophers {
        philosopher.join().unwrap();
    }
    forks.iter().map(|fork| *fork.lock().unwrap()).collect()
}

fn main() {
    // Every fork is shared by two neighbours: five meals each, ten uses a fork.
    assert_eq!(dinner(5, 5), [10; 5]);
}
