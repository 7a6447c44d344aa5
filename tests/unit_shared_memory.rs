//! Chapter 11: the ring across two real processes, and what `MappedRing` does with
//! a file that is not a ring.

mod listing_code;

use listings::processes::shared_memory::shared_ring::{MAGIC, MappedRing, SharedRing, consume};
use std::fs;
use std::io::ErrorKind;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

// ANCHOR: processes
/// Only stops a hang: no test here waits for it on a correct run.
const PATIENCE: Duration = Duration::from_secs(60);
const SIGABRT: i32 = 6;

fn ring_demo() -> Command {
    Command::new(env!("CARGO_BIN_EXE_ring_demo"))
}

#[test]
fn two_processes_deliver_every_message_whole_and_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let count = 100_000;
    let report = consume(ring_demo(), &dir.path().join("ring"), count, PATIENCE).unwrap();
    assert_eq!(report.received, count);
    assert!(
        report.producer.success(),
        "producer ended with {}",
        report.producer
    );
}

#[test]
fn a_producer_that_crashes_is_reported_with_every_message_it_published() {
    let dir = tempfile::tempdir().unwrap();
    let mut producer = ring_demo();
    producer.args(["--crash-after", "1000"]);
    let report = consume(producer, &dir.path().join("ring"), 5000, PATIENCE).unwrap();
    assert_eq!(report.received, 1000);
    assert_eq!(report.producer.signal(), Some(SIGABRT));
}
// ANCHOR_END: processes

/// Bytes of a file that has the right size for a ring.
fn ring_sized(fill: u8) -> Vec<u8> {
    vec![fill; size_of::<SharedRing>()]
}

/// `open` must fail with a message containing `expected`, and leave the file as it was.
fn assert_refused(bytes: &[u8], expected: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ring");
    fs::write(&path, bytes).unwrap();
    let error = MappedRing::open(&path)
        .err()
        .expect("open must refuse this file");
    assert_eq!(error.kind(), ErrorKind::InvalidData);
    assert!(error.to_string().contains(expected), "error {error:?}");
    assert_eq!(fs::read(&path).unwrap(), bytes, "open changed the file");
}

#[test]
fn open_refuses_a_file_of_the_wrong_size_and_leaves_it_alone() {
    let mut bytes = ring_sized(0);
    bytes[..8].copy_from_slice(&MAGIC.to_le_bytes());
    bytes[8..16].copy_from_slice(&16u64.to_le_bytes());
    bytes.extend([7; 8]); // one word too many
    assert_refused(&bytes, "296 bytes, but a ring is 288");
    assert_refused(&[], "0 bytes, but a ring is 288");
}

#[test]
fn open_refuses_a_file_that_is_not_a_ring_and_leaves_it_alone() {
    assert_refused(
        &ring_sized(0xab),
        "not a ring (first word 0xabababababababab)",
    );
    // A ring that `create` has not finished: its magic number is still zero.
    assert_refused(&ring_sized(0), "not a ring (first word 0x0000000000000000)");
}

#[test]
fn open_refuses_a_ring_with_another_number_of_slots() {
    let mut bytes = ring_sized(0);
    bytes[..8].copy_from_slice(&MAGIC.to_le_bytes());
    bytes[8..16].copy_from_slice(&8u64.to_le_bytes());
    assert_refused(&bytes, "a ring of 8 slots, expected 16");
}

#[test]
fn create_refuses_a_file_that_exists_and_leaves_it_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ring");
    fs::write(&path, "keep me").unwrap();
    let error = MappedRing::create(&path).err().expect("create must refuse");
    assert_eq!(error.kind(), ErrorKind::AlreadyExists);
    assert_eq!(fs::read_to_string(&path).unwrap(), "keep me");
}

#[test]
fn the_producer_process_reports_a_bad_file_and_exits_with_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ring");
    fs::write(&path, ring_sized(0xab)).unwrap();
    let output = ring_demo()
        .arg("--producer")
        .arg(&path)
        .arg("10")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.starts_with("ring_demo: cannot use the ring: ") && stderr.contains("not a ring"),
        "stderr: {stderr}"
    );
    assert_eq!(fs::read(&path).unwrap(), ring_sized(0xab));
}

/// The bytes in the file are where the chapter says they are: the layout that
/// `#[repr(C)]` fixes, read back through the file rather than through the mapping.
#[test]
fn the_file_holds_the_fields_in_declaration_order() {
    assert_eq!(size_of::<SharedRing>(), 8 * (4 + 2 * 16));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ring");
    let mapped = MappedRing::create(&path).unwrap();
    let mut producer = mapped.ring().producer();
    producer.try_push([0x1111, 0x2222]).unwrap();
    producer.try_push([0x3333, 0x4444]).unwrap();
    assert_eq!(mapped.ring().consumer().try_pop(), Some([0x1111, 0x2222]));

    let bytes = fs::read(&path).unwrap();
    let word = |i: usize| u64::from_le_bytes(bytes[8 * i..8 * i + 8].try_into().unwrap());
    let words: Vec<u64> = (0..8).map(word).collect();
    // magic, slot count, tail, head, slot 0, slot 1
    assert_eq!(words, [MAGIC, 16, 2, 1, 0x1111, 0x2222, 0x3333, 0x4444]);
}

fn code_of_ring(path: &Path) -> Vec<String> {
    let source = fs::read_to_string(path).unwrap();
    let start = source.find("// ANCHOR: ring").expect("a `ring` anchor");
    let end = source
        .find("// ANCHOR_END: ring")
        .expect("the end of the anchor");
    listing_code::code_lines(&source[start..end])
}

/// Listing 11-4 (the weak ring) is Listing 11-3 with one ordering changed.
#[test]
fn the_weak_ring_differs_from_the_ring_only_in_its_publishing_store() {
    let ring = code_of_ring(Path::new("listings/processes/shared_memory/shared_ring.rs"));
    let weak = code_of_ring(Path::new("listings/processes/shared_memory/weak_ring.rs"));
    let publish = "        self.ring.tail.store(self.tail, Release);";
    assert_eq!(ring.iter().filter(|line| *line == publish).count(), 1);
    let expected: Vec<String> = ring
        .iter()
        .map(|line| match line == publish {
            true => line.replace("Release", "Relaxed"),
            false => line.clone(),
        })
        .collect();
    let first_difference = expected.iter().zip(&weak).position(|(a, b)| a != b);
    assert!(
        expected == weak,
        "weak_ring.rs has drifted from shared_ring.rs at code line {first_difference:?}"
    );
}
