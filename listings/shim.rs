//! The one place where the listings meet loom.
//!
//! Under `--cfg loom` the modules below are loom's, so that loom can explore every
//! interleaving of the code that uses them; otherwise they are std's. A listing
//! imports them like this, outside its anchor so the reader sees plain std:
//!
//! ```text
//! #[cfg(loom)]
//! use crate::shim::{sync, thread};
//! #[cfg(not(loom))]
//! use std::{sync, thread};
//! ```
//!
//! A listing that spins takes `hint` from here as well, so that under loom
//! `hint::spin_loop()` lets another thread run instead of spinning forever.
//!
//! Loom models only part of std: it has no `thread::scope`, no `Barrier` and no
//! `OnceLock`. A listing that needs those takes them from std and is tested without
//! loom.

#[cfg(loom)]
pub use loom::{hint, sync, thread};
#[cfg(not(loom))]
pub use std::{hint, sync, thread};
