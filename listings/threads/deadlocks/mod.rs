//! Chapter 7: deadlocks.

pub mod message_passing;
pub mod one_lock;
pub mod ordered_transfer;
pub mod transfer_deadlock;
pub mod try_lock_backoff;
