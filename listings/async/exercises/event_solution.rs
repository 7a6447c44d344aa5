extern crate futures;
#[cfg(loom)]
use crate::shim::{sync, thread};
#[cfg(not(loom))]
use std::{sync, thread};

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
use sync::{Arc, Mutex};

/// An event that any thread can set once, and any number of tasks can wait for:
/// Python's `asyncio.Event`, without `clear`.
pub struct Event {
    state: Mutex<State>,
}

struct State {
    set: bool,
    /// The wakers of the tasks waiting for `set`.
    waiting: Vec<Waker>,
}

/// The future that `Event::wait` returns.
pub struct Wait<'a> {
    event: &'a Event,
}

impl Event {
    pub fn new() -> Self {
        Event {
            state: Mutex::new(State {
                set: false,
                waiting: Vec::new(),
            }),
        }
    }

    /// Completes once the event is set (at once, if it already is).
    pub fn wait(&self) -> Wait<'_> {
        Wait { event: self }
    }
}

// ANCHOR: solution
impl Event {
    /// Sets the event and wakes every task waiting for it.
    pub fn set(&self) {
        // ANCHOR: answer
        let waiting = {
            let mut state = self.state.lock().unwrap();
            state.set = true;
            std::mem::take(&mut state.waiting)
        };
        // Outside the lock: a woken task may poll at once, and would block on it.
        for waker in waiting {
            waker.wake();
        }
        // ANCHOR_END: answer
    }
}

impl Future for Wait<'_> {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        // ANCHOR: answer
        let mut state = self.event.state.lock().unwrap();
        if state.set {
            return Poll::Ready(());
        }
        // Checked and registered under one lock, as Listing 12-5 does: `set` cannot
        // slip in between and find no waker to call.
        let waker = cx.waker();
        if !state.waiting.iter().any(|w| w.will_wake(waker)) {
            state.waiting.push(waker.clone());
        }
        Poll::Pending
        // ANCHOR_END: answer
    }
}
// ANCHOR_END: solution

fn main() {
    let event = Arc::new(Event::new());
    let setter = {
        let event = Arc::clone(&event);
        thread::spawn(move || event.set())
    };
    // Two waits on one event, driven by the futures crate's small executor.
    let completed = futures::executor::block_on(async {
        let one = async {
            event.wait().await;
            1
        };
        let other = async {
            event.wait().await;
            1
        };
        let (a, b) = futures::join!(one, other);
        a + b
    });
    setter.join().unwrap();
    assert_eq!(completed, 2, "both waits completed");
    // Once set, a new wait is ready at its first poll.
    assert!(futures::FutureExt::now_or_never(event.wait()).is_some());
}
