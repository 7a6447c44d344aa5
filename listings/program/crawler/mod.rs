//! Chapter 23: a polite crawler.

pub mod crawl;
pub mod fetch;
pub mod limits;
pub mod parse;
pub mod site;
pub mod unbounded;
pub mod writer;
