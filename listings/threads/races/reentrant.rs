extern crate parking_lot;

use parking_lot::ReentrantMutex;
use std::cell::RefCell;
use std::thread;

// ANCHOR: reentrant
/// The parts list again, on a lock that its owner may take more than once.
pub struct PartsList {
    parts: ReentrantMutex<RefCell<Vec<String>>>,
}

impl PartsList {
    pub fn new() -> Self {
        PartsList {
            parts: ReentrantMutex::new(RefCell::new(Vec::new())),
        }
    }

    pub fn add(&self, part: &str) {
        // The guard hands out only `&RefCell<_>`: mutation goes through `borrow_mut`.
        self.parts.lock().borrow_mut().push(part.to_owned());
    }

    pub fn add_if_missing(&self, part: &str) {
        let parts = self.parts.lock();
        // The `borrow()` ends with the condition, before `add` borrows mutably.
        if !parts.borrow().iter().any(|p| p == part) {
            self.add(part); // same thread, second lock: the count goes to 2
        }
    }

    pub fn snapshot(&self) -> Vec<String> {
        self.parts.lock().borrow().clone()
    }
}

fn main() {
    let list = PartsList::new();
    list.add_if_missing("hinge");
    list.add_if_missing("hinge");
    assert_eq!(list.snapshot(), ["hinge"]);

    // Reentrant for its owner, exclusive for everyone else.
    let guard = list.parts.lock();
    let other_thread_got_it =
        thread::scope(|s| s.spawn(|| list.parts.try_lock().is_some()).join().unwrap());
    assert!(!other_thread_got_it);
    drop(guard);
}
// ANCHOR_END: reentrant
