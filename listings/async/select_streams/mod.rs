//! Chapter 14: pinning, `select!` and streams.

pub mod batcher;
pub mod fairness;
pub mod pages;
pub mod pin_kinds;
pub mod pinned_poll;
pub mod progress;
pub mod run_ahead;
// tokio has no `net` under `--cfg loom`, and loom has no sockets to model.
#[cfg(not(loom))]
pub mod socket_frames;
