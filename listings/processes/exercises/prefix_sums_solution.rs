use std::thread;

/// Replaces every value by the sum of itself and all the values before it:
/// `[3, 1, 4]` becomes `[3, 4, 8]`. One thread, for reference.
pub fn prefix_sums(values: &mut [u64]) {
    let mut total = 0;
    for value in values {
        total += *value;
        *value = total;
    }
}

// ANCHOR: solution
/// The same, in place, on `threads` scoped threads: no copy of `values`, no lock.
pub fn prefix_sums_parallel(values: &mut [u64], threads: usize) {
    // ANCHOR: answer
    let piece = values.len().div_ceil(threads.max(1)).max(1);
    // Pass 1: each thread turns its own piece into prefix sums of that piece alone,
    // and returns the piece's total.
    let totals: Vec<u64> = thread::scope(|s| {
        let workers: Vec<_> = values
            .chunks_mut(piece)
            .map(|chunk| {
                s.spawn(move || {
                    prefix_sums(chunk);
                    chunk.last().copied().unwrap_or(0)
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap()).collect()
    });
    // Between the passes, one thread: what every piece owes the pieces after it.
    let mut offset = 0;
    let offsets: Vec<u64> = totals
        .iter()
        .map(|total| {
            let before = offset;
            offset += total;
            before
        })
        .collect();
    // Pass 2: each piece adds the sum of every piece before it.
    thread::scope(|s| {
        for (chunk, offset) in values.chunks_mut(piece).zip(offsets) {
            s.spawn(move || {
                for value in chunk {
                    *value += offset;
                }
            });
        }
    });
    // ANCHOR_END: answer
}
// ANCHOR_END: solution

fn main() {
    let mut values: Vec<u64> = (1..=10_000).collect();
    let address = values.as_ptr();
    prefix_sums_parallel(&mut values, 4);
    assert_eq!(values.last(), Some(&(10_000 * 10_001 / 2)));
    assert_eq!(values.as_ptr(), address); // changed where it lay
}
