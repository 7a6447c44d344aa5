//! Part IV: async Rust with tokio.

pub mod blocking;
pub mod cancellation;
pub mod exercises;
pub mod mental_model;
pub mod select_streams;
pub mod tasks;
