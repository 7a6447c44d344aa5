//! Part VI: choosing.

pub mod decisions;
