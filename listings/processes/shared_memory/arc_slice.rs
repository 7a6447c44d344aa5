use std::sync::Arc;
use std::thread;

// ANCHOR: arc_slice
/// Splits the samples into `parts` ranges and sums each range on its own thread.
/// Returns each thread's sum, and the address of the data that thread read.
pub fn sum_in_parts(samples: Arc<[u32]>, parts: usize) -> Vec<(u64, usize)> {
    let chunk = samples.len().div_ceil(parts);
    let handles: Vec<_> = (0..parts)
        .map(|part| {
            let samples = Arc::clone(&samples); // a new pointer, not a copy
            thread::spawn(move || {
                let start = (part * chunk).min(samples.len());
                let end = (start + chunk).min(samples.len());
                let sum = samples[start..end].iter().map(|&x| u64::from(x)).sum();
                (sum, samples.as_ptr() as usize)
            })
        })
        .collect();
    handles
        .into_iter()
        .map(|handle| handle.join().unwrap())
        .collect()
}
// ANCHOR_END: arc_slice

fn main() {
    // One copy, made once: the Vec's contents move into the Arc's allocation.
    let samples: Arc<[u32]> = Arc::from((0..1_000_000).collect::<Vec<u32>>());
    let results = sum_in_parts(Arc::clone(&samples), 4);

    let total: u64 = results.iter().map(|(sum, _)| sum).sum();
    assert_eq!(total, 999_999 * 1_000_000 / 2);
    // Every thread read the very same memory...
    assert!(
        results
            .iter()
            .all(|&(_, address)| address == samples.as_ptr() as usize)
    );
    // ...and every clone is gone again.
    assert_eq!(Arc::strong_count(&samples), 1);
}
