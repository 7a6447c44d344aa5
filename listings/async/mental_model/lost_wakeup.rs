extern crate futures;

#[cfg(loom)]
use crate::shim::sync;
#[cfg(not(loom))]
use std::sync;

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
use sync::{Arc, Mutex};

// ANCHOR: lost_wakeup
/// The same channel with the value and the waker behind separate locks.
struct Slot<T> {
    value: Mutex<Option<T>>,
    waker: Mutex<Option<Waker>>,
}

pub struct Sender<T>(Arc<Slot<T>>);
pub struct Receiver<T>(Arc<Slot<T>>);

pub fn channel<T>() -> (Sender<T>, Receiver<T>) {
    let slot = Arc::new(Slot {
        value: Mutex::new(None),
        waker: Mutex::new(None),
    });
    (Sender(Arc::clone(&slot)), Receiver(slot))
}

impl<T> Sender<T> {
    pub fn send(self, value: T) {
        *self.0.value.lock().unwrap() = Some(value);
        let waker = self.0.waker.lock().unwrap().take();
        if let Some(waker) = waker {
            waker.wake();
        }
    }
}

impl<T> Future for Receiver<T> {
    type Output = T;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        if let Some(value) = self.0.value.lock().unwrap().take() {
            return Poll::Ready(value);
        }
        // `send` can store the value and find no waker right here, before this line:
        // then nobody ever wakes the receiver.
        *self.0.waker.lock().unwrap() = Some(cx.waker().clone());
        Poll::Pending
    }
}
// ANCHOR_END: lost_wakeup

fn main() {
    // Sending before the first poll is safe; the race needs a poll in progress.
    let (sender, receiver) = channel();
    sender.send(6 * 7);
    assert_eq!(futures::executor::block_on(receiver), 42);
}
