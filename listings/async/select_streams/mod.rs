//! Chapter 14: pinning, `select!` and streams.

pub mod batcher;
pub mod fairness;
pub mod pages;
pub mod pin_kinds;
pub mod pinned_poll;
pub mod progress;
pub mod run_ahead;
pub mod socket_frames;
