//! Part VI: choosing.

pub mod decisions;
pub mod measured;
