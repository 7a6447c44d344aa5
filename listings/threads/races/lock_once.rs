#[cfg(loom)]
use crate::shim::sync;
#[cfg(not(loom))]
use std::sync;

use sync::Mutex;

// ANCHOR: fix
pub struct PartsList {
    parts: Mutex<Vec<String>>,
}

impl PartsList {
    pub fn new() -> Self {
        PartsList {
            parts: Mutex::new(Vec::new()),
        }
    }

    // Public methods take the lock exactly once...
    pub fn add(&self, part: &str) {
        push(&mut self.parts.lock().unwrap(), part);
    }

    pub fn add_if_missing(&self, part: &str) {
        let mut parts = self.parts.lock().unwrap();
        if !parts.iter().any(|p| p == part) {
            push(&mut parts, part);
        }
    }

    pub fn snapshot(&self) -> Vec<String> {
        self.parts.lock().unwrap().clone()
    }
}

// ...and the shared work lives in helpers that take the already-locked data.
fn push(parts: &mut Vec<String>, part: &str) {
    parts.push(part.to_owned());
}
// ANCHOR_END: fix

fn main() {
    let list = PartsList::new();
    list.add_if_missing("hinge");
    list.add_if_missing("hinge");
    list.add("screw");
    assert_eq!(list.snapshot(), ["hinge", "screw"]);
}
