//! Chapter 5: race conditions and locks.

pub mod atomic_counter;
pub mod guard_scope;
pub mod lock_once;
pub mod lost_update;
pub mod mutex_counter;
pub mod poisoning;
pub mod reentrant;
pub mod rwlock_config;
pub mod self_deadlock;
