use std::thread;

// ANCHOR: refused
fn main() {
    let mut jobs: Vec<u32> = Vec::new();
    thread::scope(|s| {
        // The producer borrows `jobs` mutably to push...
        s.spawn(|| (0..100).for_each(|job| jobs.push(job)));
        // ...and so does the consumer, to pop, at the same time.
        s.spawn(|| while let Some(job) = jobs.pop() { assert!(job < 100) });
    });
}
// ANCHOR_END: refused
