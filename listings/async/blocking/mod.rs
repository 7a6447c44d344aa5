//! Chapter 16: blocking inside async.

pub mod mutex_choice;
pub mod offload;
// tokio leaves out `fs` under `--cfg loom`.
#[cfg(not(loom))]
pub mod small_files;
pub mod starved;
