//! Chapter 3: no GIL: `Send`, `Sync` and atomic reference counts.

pub mod arc_to_thread;
pub mod atomic_refcount;
pub mod naive_refcount;
pub mod relaxed_refcount;
