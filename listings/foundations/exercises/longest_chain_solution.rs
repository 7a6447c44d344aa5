// ANCHOR: answer
use std::sync::atomic::{AtomicU64, Ordering};
// ANCHOR_END: answer
use std::thread;

/// How many steps of the Collatz rule (halve an even number, turn an odd one into
/// `3n + 1`) take `n` down to 1.
pub fn collatz_steps(mut n: u64) -> u32 {
    let mut steps = 0;
    while n > 1 {
        n = if n.is_multiple_of(2) {
            n / 2
        } else {
            3 * n + 1
        };
        steps += 1;
    }
    steps
}

/// The start in `1..limit` with the most steps, and its step count; on a tie, the
/// smallest such start. `None` if the range is empty.
pub fn longest_chain(limit: u64) -> Option<(u64, u32)> {
    (1..limit)
        .map(|n| (n, collatz_steps(n)))
        // `max_by_key` keeps the last of equal maxima; reversing keeps the first.
        .rev()
        .max_by_key(|&(_, steps)| steps)
}

// ANCHOR: solution
/// Numbers are handed out in blocks of this many, as in Listing 2-1.
// ANCHOR: answer
const BLOCK: u64 = 256;
// ANCHOR_END: answer

/// The same answer as `longest_chain`, computed on `threads` scoped threads.
pub fn longest_chain_parallel(limit: u64, threads: usize) -> Option<(u64, u32)> {
    // ANCHOR: answer
    let next_block = AtomicU64::new(1);
    // Each thread claims blocks until none are left and keeps its own best.
    let worker = || {
        let mut best: Option<(u64, u32)> = None;
        loop {
            let start = next_block.fetch_add(BLOCK, Ordering::Relaxed);
            if start >= limit {
                return best;
            }
            for n in start..(start + BLOCK).min(limit) {
                best = better(best, Some((n, collatz_steps(n))));
            }
        }
    };
    let bests: Vec<Option<(u64, u32)>> = thread::scope(|s| {
        let workers: Vec<_> = (0..threads).map(|_| s.spawn(worker)).collect();
        workers.into_iter().map(|w| w.join().unwrap()).collect()
    });
    // Blocks reach threads in any order: the tie rule decides, not who finished first.
    bests.into_iter().fold(None, better)
}

/// More steps wins; on equal steps, the smaller start.
fn better(a: Option<(u64, u32)>, b: Option<(u64, u32)>) -> Option<(u64, u32)> {
    match (a, b) {
        (Some((n, s)), Some((m, t))) => Some(if t > s || (t == s && m < n) {
            (m, t)
        } else {
            (n, s)
        }),
        (a, None) => a,
        (None, b) => b,
    }
    // ANCHOR_END: answer
}
// ANCHOR_END: solution

fn main() {
    assert_eq!(longest_chain(10), Some((9, 19)));
    assert_eq!(longest_chain_parallel(10_000, 4), longest_chain(10_000));
}
