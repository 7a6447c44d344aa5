//! Chapter 9: processes.
