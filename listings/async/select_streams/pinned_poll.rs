extern crate futures;

use std::cell::Cell;
use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

// ANCHOR: pinned
/// Listing 14-1's future, which also reports where `buffer` lives.
async fn sum_buffer(buffer_at: &Cell<usize>) -> u32 {
    let buffer = [7u8; 64];
    let view = &buffer[..];
    buffer_at.set(view.as_ptr().addr());
    futures::pending!();
    view.iter().map(|&byte| u32::from(byte)).sum()
}

fn main() {
    let buffer_at = Cell::new(0);
    // `pin!` moves the future into a place it can never leave, and hands back
    // a `Pin<&mut _>` to it.
    let mut sum = pin!(sum_buffer(&buffer_at));
    let mut cx = Context::from_waker(Waker::noop());
    assert!(sum.as_mut().poll(&mut cx).is_pending());

    // The paused future's bytes include `buffer`, and `view` points at them.
    let start = std::ptr::from_ref(&*sum).addr();
    let inside = start..start + size_of_val(&*sum);
    assert!(
        inside.contains(&buffer_at.get()),
        "`view` points into the future"
    );

    assert_eq!(sum.as_mut().poll(&mut cx), Poll::Ready(64 * 7));
}
// ANCHOR_END: pinned
