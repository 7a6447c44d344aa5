// no_run: the part marked todo!() is yours to write
use std::thread;

// ANCHOR: exercise
/// Replaces every value by the sum of itself and all the values before it:
/// `[3, 1, 4]` becomes `[3, 4, 8]`. One thread, for reference.
pub fn prefix_sums(values: &mut [u64]) {
    let mut total = 0;
    for value in values {
        total += *value;
        *value = total;
    }
}

/// The same, in place, on `threads` scoped threads: no copy of `values`, no lock.
pub fn prefix_sums_parallel(values: &mut [u64], threads: usize) {
    todo!(
        "split `values` into one piece per thread, and mind what each piece owes the ones after it"
    )
}
// ANCHOR_END: exercise

fn main() {
    let mut values: Vec<u64> = (1..=10_000).collect();
    let address = values.as_ptr();
    prefix_sums_parallel(&mut values, 4);
    assert_eq!(values.last(), Some(&(10_000 * 10_001 / 2)));
    assert_eq!(values.as_ptr(), address); // changed where it lay
}
