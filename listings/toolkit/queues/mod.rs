//! Chapter 19: queues and back-pressure.

pub mod crossbeam_workers;
pub mod overload;
pub mod polled_queue;
pub mod std_hangups;
pub mod std_workers;
pub mod tokio_shapes;
pub mod tokio_workers;
pub mod when_full;
