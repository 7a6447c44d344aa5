//! Part IV: async Rust with tokio.

pub mod mental_model;
pub mod tasks;
