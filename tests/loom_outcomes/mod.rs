//! Every outcome a loom model reaches: the loom files' way of asserting the exact set
//! of results a scenario can produce, rather than stopping at the first bad one.

use std::collections::BTreeSet;
use std::fmt::Debug;

/// Every outcome that `scenario` produced, over all the executions loom explored.
pub fn outcomes<O, F>(scenario: F) -> BTreeSet<O>
where
    O: Ord + Debug + Send + 'static,
    F: Fn() -> O + Sync + Send + 'static,
{
    let seen = std::sync::Arc::new(std::sync::Mutex::new(BTreeSet::new()));
    let record = std::sync::Arc::clone(&seen);
    loom::model(move || {
        let outcome = scenario();
        record.lock().unwrap().insert(outcome);
    });
    std::mem::take(&mut *seen.lock().unwrap())
}
