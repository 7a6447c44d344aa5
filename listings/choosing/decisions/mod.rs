//! Chapter 20: the decision framework.

pub mod boundaries;
pub mod legacy_in_async;
pub mod oversplit;
pub mod shared_handle;
pub mod sync_facade;
