//! Part V: executors, primitives and queues.

pub mod executors;
pub mod exercises;
pub mod primitives;
pub mod queues;
