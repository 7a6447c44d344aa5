//! Chapter 16: blocking inside async.

pub mod mutex_choice;
pub mod offload;
pub mod starved;
