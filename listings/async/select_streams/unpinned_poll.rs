extern crate futures;

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Waker};

// ANCHOR: refused
/// Sums a buffer that lives in the future's own state, across one pause.
async fn sum_buffer() -> u32 {
    let buffer = [7u8; 64];
    let view = &buffer[..]; // a reference to `buffer`, kept across the `.await`
    futures::pending!(); // returns `Pending` once, without arranging a wake-up
    view.iter().map(|&byte| u32::from(byte)).sum()
}

fn main() {
    let mut sum = sum_buffer();
    let mut cx = Context::from_waker(Waker::noop());
    // `poll` takes `Pin<&mut Self>`, and `Pin::new` builds one only for `Unpin` types.
    let first = Pin::new(&mut sum).poll(&mut cx);
    assert!(first.is_pending());
}
// ANCHOR_END: refused
