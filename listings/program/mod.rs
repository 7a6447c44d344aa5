//! Part VIII: a whole program.

pub mod crawler;
pub mod exercises;
