//! Part III: processes and shared memory.

// Chapter 10 is called "Processes" like its part; the folder names follow the chapters.
pub mod exercises;
#[allow(clippy::module_inception)]
pub mod processes;
pub mod shared_memory;
