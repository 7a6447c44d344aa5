use std::thread;

// ANCHOR: scoped
/// Sums `values` on `threads` scoped threads, each summing one contiguous chunk.
/// The threads borrow `values`: no copy, no `Arc`.
pub fn parallel_sum(values: &[u64], threads: usize) -> u64 {
    let chunk = values.len().div_ceil(threads.max(1)).max(1);
    thread::scope(|s| {
        let partials: Vec<_> = values
            .chunks(chunk)
            .map(|part| s.spawn(move || part.iter().sum::<u64>()))
            .collect();
        partials.into_iter().map(|h| h.join().unwrap()).sum()
    }) // every thread spawned on `s` has been joined before `scope` returns
}

/// Doubles every value in place: each thread gets exclusive access to its own chunk.
pub fn parallel_double(values: &mut [u64], threads: usize) {
    let chunk = values.len().div_ceil(threads.max(1)).max(1);
    thread::scope(|s| {
        for part in values.chunks_mut(chunk) {
            s.spawn(move || part.iter_mut().for_each(|v| *v *= 2));
        }
    });
}

fn main() {
    let mut readings: Vec<u64> = (1..=1_000).collect();
    assert_eq!(parallel_sum(&readings, 4), 500_500);
    parallel_double(&mut readings, 4);
    assert_eq!(parallel_sum(&readings, 3), 1_001_000);
}
// ANCHOR_END: scoped
