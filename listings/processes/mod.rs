//! Part III: processes and shared memory.

#[allow(
    clippy::module_inception,
    reason = "Chapter 9 is called Processes, in the part called Processes"
)]
pub mod processes;
pub mod shared_memory;
