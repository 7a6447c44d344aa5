//! Part I: foundations.

pub mod concurrency;
pub mod no_gil;
pub mod workloads;
pub mod exercises;
