extern crate listings;

use listings::processes::shared_memory::shared_ring::{MappedRing, consume, produce};
use std::io;
use std::path::Path;
use std::process::{self, Command};
use std::time::Duration;

// ANCHOR: demo
/// How long either side waits for the other before giving up: only stops a hang.
const PATIENCE: Duration = Duration::from_secs(10);

fn main() -> io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().position(|arg| arg == "--producer") {
        Some(at) => run_producer(&args, at),
        None => run_consumer(),
    }
}

/// The parent: starts this same program again as the producer, and checks
/// what arrives.
fn run_consumer() -> io::Result<()> {
    // The process id and the time: a file left by an earlier run is never reused.
    let stamp = std::time::UNIX_EPOCH
        .elapsed()
        .unwrap_or_default()
        .as_nanos();
    let path = std::env::temp_dir().join(format!("ring-demo-{}-{stamp}.bin", process::id()));
    let count = 100_000;
    let itself = Command::new(std::env::current_exe()?);
    let report = consume(itself, &path, count, PATIENCE);
    std::fs::remove_file(&path)?;
    let report = report?;
    assert_eq!(report.received, count);
    assert!(report.producer.success());
    Ok(())
}

/// The child: `--producer <path> <count>`, and optionally `--crash-after <n>`,
/// which aborts the process after `n` messages, as a crash would.
fn run_producer(args: &[String], at: usize) -> io::Result<()> {
    let (Some(path), Some(Ok(count))) = (args.get(at + 1), args.get(at + 2).map(|n| n.parse()))
    else {
        fail("usage: --producer <path> <count> [--crash-after <n>]");
    };
    let crash_after = match args.iter().position(|arg| arg == "--crash-after") {
        Some(flag) => match args.get(flag + 1).map(|n| n.parse::<u64>()) {
            Some(Ok(n)) => Some(n),
            _ => fail("--crash-after needs a number"),
        },
        None => None,
    };
    let mapped = match MappedRing::open(Path::new(path)) {
        Ok(mapped) => mapped,
        Err(error) => fail(&format!("cannot use the ring: {error}")),
    };
    let sending = crash_after.map_or(count, |n| n.min(count));
    if let Err(error) = produce(mapped.ring(), sending, PATIENCE) {
        fail(&format!("gave up: {error}"));
    }
    if crash_after.is_some() {
        process::abort();
    }
    Ok(())
}

fn fail(message: &str) -> ! {
    eprintln!("ring_demo: {message}");
    process::exit(2);
}
// ANCHOR_END: demo
