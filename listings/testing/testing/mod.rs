//! Chapter 22: testing concurrent code.

pub mod retry;
pub mod tickets;
pub mod tickets_racy;
