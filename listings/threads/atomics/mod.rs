//! Chapter 6: atomics and memory ordering.

pub mod last_one_out;
pub mod load_buffering;
pub mod message_passing;
pub mod spin_lock;
pub mod store_buffering;
