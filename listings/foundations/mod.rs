//! Part I: foundations.

pub mod concurrency;
pub mod exercises;
pub mod no_gil;
pub mod workloads;
