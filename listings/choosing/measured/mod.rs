//! Chapter 21: measured, side by side with Python.

pub mod report;
pub mod waits;
