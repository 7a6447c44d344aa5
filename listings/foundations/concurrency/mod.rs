//! Chapter 1: concurrency vs parallelism.

pub mod mixed_jobs;
