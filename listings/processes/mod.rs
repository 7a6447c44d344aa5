//! Part III: processes and shared memory.

pub mod processes;
pub mod shared_memory;
