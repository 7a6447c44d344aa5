//! Chapter 12 under loom: a waker handed from one thread to another.
#![cfg(loom)]

use std::future::Future;
use std::pin::pin;
use std::sync::Arc as StdArc;
use std::task::{Context, Poll, Wake, Waker};

use listings::async_rust::mental_model::{lost_wakeup, oneshot};
use listings::shim::sync::atomic::{AtomicBool, Ordering};
use listings::shim::thread;

// ANCHOR: wakeup
/// A waker that only records that it was called.
struct Flag(AtomicBool);

impl Wake for Flag {
    fn wake(self: StdArc<Self>) {
        self.0.store(true, Ordering::SeqCst);
    }
}

/// Polls `receiver` once while another thread sends. If the poll says "not yet", the
/// sender must wake the receiver, or the value would sit in the channel forever.
fn poll_while_sending<R: Future<Output = u32>>(receiver: R, send: impl FnOnce() + Send + 'static) {
    let woken = StdArc::new(Flag(AtomicBool::new(false)));
    let waker = Waker::from(StdArc::clone(&woken));
    let sending = thread::spawn(send);
    let poll = pin!(receiver).poll(&mut Context::from_waker(&waker));
    sending.join().unwrap();
    if poll == Poll::Pending {
        assert!(
            woken.0.load(Ordering::SeqCst),
            "lost wake-up: value sent, receiver never woken"
        );
    }
}

#[test]
#[should_panic(expected = "lost wake-up")]
fn separate_locks_can_lose_the_wakeup() {
    loom::model(|| {
        let (sender, receiver) = lost_wakeup::channel();
        poll_while_sending(receiver, move || sender.send(42));
    });
}

#[test]
fn one_lock_never_loses_the_wakeup() {
    loom::model(|| {
        let (sender, receiver) = oneshot::channel();
        poll_while_sending(receiver, move || sender.send(42));
    });
}
// ANCHOR_END: wakeup

#[test]
fn block_on_receives_the_value_sent_from_another_thread() {
    loom::model(|| {
        let (sender, receiver) = oneshot::channel();
        let sending = thread::spawn(move || sender.send(42));
        assert_eq!(loom::future::block_on(receiver), 42);
        sending.join().unwrap();
    });
}
