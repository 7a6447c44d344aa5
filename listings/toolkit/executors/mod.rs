//! Chapter 15: one API for pools and tasks.
