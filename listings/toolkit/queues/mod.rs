//! Chapter 17: queues and back-pressure.
