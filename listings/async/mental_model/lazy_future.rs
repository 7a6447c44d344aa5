extern crate futures;

use std::sync::atomic::{AtomicU32, Ordering};

// ANCHOR: lazy
/// How many times the body of `brew` has actually run.
static BREWED: AtomicU32 = AtomicU32::new(0);

async fn brew(cups: u32) -> u32 {
    BREWED.fetch_add(1, Ordering::Relaxed);
    cups * 250
}

fn main() {
    let coffee = brew(3); // builds a future: a value describing the work
    assert_eq!(BREWED.load(Ordering::Relaxed), 0, "nothing has run yet");

    // Only polling runs the body; `block_on` polls until the future is done.
    let millilitres = futures::executor::block_on(coffee);
    assert_eq!(millilitres, 750);
    assert_eq!(BREWED.load(Ordering::Relaxed), 1);
}
// ANCHOR_END: lazy
