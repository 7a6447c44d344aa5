//! Chapter 15: cancellation.

pub mod buffered_frames;
pub mod drop_cancels;
// tokio leaves out `signal` and `process` under `--cfg loom`.
#[cfg(not(loom))]
pub mod graceful_server;
pub mod graceful_shutdown;
pub mod lossy_frames;
