// no_run: the parts marked todo!() are yours to write
extern crate futures;
#[cfg(loom)]
use crate::shim::{sync, thread};
#[cfg(not(loom))]
use std::{sync, thread};

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
use sync::{Arc, Mutex};

// ANCHOR: exercise
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

impl Event {
    /// Sets the event and wakes every task waiting for it.
    pub fn set(&self) {
        todo!("set the flag, then wake every waiting task")
    }
}

impl Future for Wait<'_> {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        todo!("ready if the event is set; otherwise leave a waker for `set` to call")
    }
}
// ANCHOR_END: exercise

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
