// no_run: locks a Mutex twice from one thread, which never returns
#[cfg(loom)]
use crate::shim::sync;
#[cfg(not(loom))]
use std::sync;

use sync::Mutex;

// ANCHOR: bug
/// A parts list that one method builds on top of another.
pub struct PartsList {
    parts: Mutex<Vec<String>>,
}

impl PartsList {
    pub fn new() -> Self {
        PartsList {
            parts: Mutex::new(Vec::new()),
        }
    }

    pub fn add(&self, part: &str) {
        self.parts.lock().unwrap().push(part.to_owned());
    }

    pub fn add_if_missing(&self, part: &str) {
        let parts = self.parts.lock().unwrap();
        if !parts.contains(&part.to_owned()) {
            self.add(part); // locks `parts` again while this thread still holds it
        }
    }
}

fn main() {
    let list = PartsList::new();
    list.add_if_missing("hinge"); // never returns (or panics): see the text
}
// ANCHOR_END: bug
