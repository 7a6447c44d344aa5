//! Chapter 3 under loom: three reference counts, one scenario.
#![cfg(loom)]

use std::collections::BTreeSet;

use listings::foundations::no_gil::{atomic_refcount, naive_refcount, relaxed_refcount};
use listings::shim::sync::Arc;
use listings::shim::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use listings::shim::thread;

/// The API the three listings share.
trait RefCount: Send + Sync + 'static {
    fn new(handles: usize) -> Self;
    fn retain(&self);
    fn release(&self) -> bool;
}

macro_rules! impl_ref_count {
    ($($listing:ident),*) => {$(
        impl RefCount for $listing::RefCount {
            fn new(handles: usize) -> Self { $listing::RefCount::new(handles) }
            fn retain(&self) { $listing::RefCount::retain(self) }
            fn release(&self) -> bool { $listing::RefCount::release(self) }
        }
    )*};
}
impl_ref_count!(naive_refcount, relaxed_refcount, atomic_refcount);

// ANCHOR: scenario
/// An object shared by reference counting, with a record of what happened to it.
struct Object<C> {
    count: C,
    uses: AtomicUsize,
    frees: AtomicUsize,
    freed_too_soon: AtomicBool,
}

impl<C: RefCount> Object<C> {
    fn clone_then_drop_both(&self) {
        self.count.retain();
        self.use_then_drop();
        self.use_then_drop();
    }

    /// Uses the object, then drops one handle; the last handle frees the object,
    /// and must see all four uses when it does.
    fn use_then_drop(&self) {
        self.uses.fetch_add(1, Ordering::Relaxed);
        if self.count.release() {
            if self.uses.load(Ordering::Relaxed) < 4 {
                self.freed_too_soon.store(true, Ordering::Relaxed);
            }
            self.frees.fetch_add(1, Ordering::Relaxed);
        }
    }
}

/// What one execution did to the object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Outcome {
    FreedOnce,
    Leaked,
    FreedTwice,
    /// Freed before every use of it was visible to the thread that freed it.
    UseAfterFree,
}

/// Two threads start with a handle each; each clones its handle, then drops both
/// handles: four uses, then exactly one free.
fn two_owners<C: RefCount>() -> Outcome {
    let object = Arc::new(Object {
        count: C::new(2),
        uses: AtomicUsize::new(0),
        frees: AtomicUsize::new(0),
        freed_too_soon: AtomicBool::new(false),
    });
    let other = {
        let object = Arc::clone(&object);
        thread::spawn(move || object.clone_then_drop_both())
    };
    object.clone_then_drop_both();
    other.join().unwrap();
    match object.frees.load(Ordering::Relaxed) {
        0 => Outcome::Leaked,
        1 if object.freed_too_soon.load(Ordering::Relaxed) => Outcome::UseAfterFree,
        1 => Outcome::FreedOnce,
        _ => Outcome::FreedTwice,
    }
}

/// Every outcome loom reaches, over all the executions it explores.
fn outcomes<C: RefCount>() -> BTreeSet<Outcome> {
    let seen = std::sync::Arc::new(std::sync::Mutex::new(BTreeSet::new()));
    let record = std::sync::Arc::clone(&seen);
    loom::model(move || {
        let outcome = two_owners::<C>();
        record.lock().unwrap().insert(outcome);
    });
    seen.lock().unwrap().clone()
}

#[test]
fn load_then_store_can_leak_free_twice_or_free_too_soon() {
    use Outcome::*;
    let found = outcomes::<naive_refcount::RefCount>();
    assert_eq!(
        found,
        BTreeSet::from([FreedOnce, Leaked, FreedTwice, UseAfterFree])
    );
}
// ANCHOR_END: scenario

#[test]
fn relaxed_release_can_free_before_the_last_use_is_visible() {
    use Outcome::*;
    let found = outcomes::<relaxed_refcount::RefCount>();
    assert_eq!(found, BTreeSet::from([FreedOnce, UseAfterFree]));
}

#[test]
fn release_acquire_frees_once_after_every_use() {
    let found = outcomes::<atomic_refcount::RefCount>();
    assert_eq!(found, BTreeSet::from([Outcome::FreedOnce]));
}
