// no_run: the part marked todo!() is yours to write
use std::thread;

// ANCHOR: exercise
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

/// The same answer as `longest_chain`, computed on `threads` scoped threads.
pub fn longest_chain_parallel(limit: u64, threads: usize) -> Option<(u64, u32)> {
    todo!("split 1..limit between scoped threads, then combine their answers")
}
// ANCHOR_END: exercise

fn main() {
    assert_eq!(longest_chain(10), Some((9, 19)));
    assert_eq!(longest_chain_parallel(10_000, 4), longest_chain(10_000));
}
