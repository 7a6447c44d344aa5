//! Chapter 15: cancellation.

pub mod buffered_frames;
pub mod drop_cancels;
pub mod graceful_shutdown;
pub mod lossy_frames;
