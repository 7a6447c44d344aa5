extern crate futures;

#[cfg(loom)]
use crate::shim::{sync, thread};
#[cfg(not(loom))]
use std::{sync, thread};

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
use sync::{Arc, Mutex};

// ANCHOR: oneshot
/// A channel for exactly one value, from any thread to one async receiver.
struct Slot<T> {
    value: Option<T>,
    waker: Option<Waker>,
}

pub struct Sender<T>(Arc<Mutex<Slot<T>>>);
pub struct Receiver<T>(Arc<Mutex<Slot<T>>>);

pub fn channel<T>() -> (Sender<T>, Receiver<T>) {
    let slot = Arc::new(Mutex::new(Slot {
        value: None,
        waker: None,
    }));
    (Sender(Arc::clone(&slot)), Receiver(slot))
}

impl<T> Sender<T> {
    pub fn send(self, value: T) {
        let waker = {
            let mut slot = self.0.lock().unwrap();
            slot.value = Some(value);
            slot.waker.take()
        };
        if let Some(waker) = waker {
            waker.wake(); // outside the lock: the woken task may poll at once
        }
    }
}

impl<T> Future for Receiver<T> {
    type Output = T;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        let mut slot = self.0.lock().unwrap();
        match slot.value.take() {
            Some(value) => Poll::Ready(value),
            None => {
                // Checked and registered under one lock: `send` cannot slip between.
                slot.waker = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}
// ANCHOR_END: oneshot

fn main() {
    let (sender, receiver) = channel();
    let worker = thread::spawn(move || sender.send(6 * 7));
    assert_eq!(futures::executor::block_on(receiver), 42);
    worker.join().unwrap();
}
