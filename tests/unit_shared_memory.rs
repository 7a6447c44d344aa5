//! Chapter 11: the ring across two real processes, and what `MappedRing` does with
//! a file that is not a ring.

mod listing_code;

use listings::processes::shared_memory::shared_ring::{MAGIC, MappedRing, SharedRing, consume};
use std::fs;
use std::io::{BufRead, BufReader, ErrorKind, Read};
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

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

/// Kills and reaps its child when dropped, so a failing test leaves no process behind.
struct KillOnDrop(Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The `i`th 8-byte word of the file at `path` (the layout test below pins where
/// each field lies: `tail` is word 2).
fn word_in_file(path: &Path, i: usize) -> u64 {
    let bytes = fs::read(path).unwrap();
    u64::from_le_bytes(bytes[8 * i..8 * i + 8].try_into().unwrap())
}

/// Reads `from` to its end on another thread; `None` if the end has not come within
/// `limit`, which only stops a hang.
fn read_to_end_within(mut from: impl Read + Send + 'static, limit: Duration) -> Option<String> {
    let (sender, receiver) = mpsc::channel();
    thread::spawn(move || {
        let mut text = String::new();
        let _ = from.read_to_string(&mut text);
        let _ = sender.send(text);
    });
    receiver.recv_timeout(limit).ok()
}

/// The producer watches its consumer. Here the consumer is a shell that starts the
/// producer, prints its process id and never pops a message; once the ring is full,
/// the shell is killed. The producer must notice and exit with an error, which it
/// writes to the stderr it shares with the shell.
#[test]
fn a_producer_whose_consumer_dies_gives_up() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ring");
    let _ring = MappedRing::create(&path).unwrap();
    let shell = Command::new("sh")
        .arg("-c")
        .arg(r#""$0" --producer "$1" 1000 & echo $!; wait"#)
        .arg(env!("CARGO_BIN_EXE_ring_demo"))
        .arg(&path)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut shell = KillOnDrop(shell);
    let mut producer_pid = String::new();
    let mut stdout = BufReader::new(shell.0.stdout.take().unwrap());
    stdout.read_line(&mut producer_pid).unwrap();
    let stderr = shell.0.stderr.take().unwrap();

    let started = Instant::now();
    while word_in_file(&path, 2) < 16 {
        assert!(
            started.elapsed() < PATIENCE,
            "the producer never filled the ring"
        );
        thread::sleep(Duration::from_millis(1));
    }
    shell.0.kill().unwrap();
    shell.0.wait().unwrap();

    // The shell is gone, so the pipe ends when the producer exits.
    let Some(said) = read_to_end_within(stderr, PATIENCE) else {
        let _ = Command::new("kill")
            .args(["-KILL", producer_pid.trim()])
            .status();
        panic!("the producer still runs, its consumer long dead");
    };
    assert_eq!(said, "ring_demo: gave up: the consumer exited\n");
}

/// Once every message is in, the consumer waits for the producer to exit, and that
/// wait has a deadline too. This "producer" sends nothing and does not exit: `cat`
/// reads a pipe whose writing end this test keeps open until it returns.
#[test]
fn a_producer_that_never_exits_is_given_up_on() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ring");
    let (reading, _writing) = std::io::pipe().unwrap();
    let mut never_exits = Command::new("sh");
    never_exits.args(["-c", "exec cat"]).stdin(reading);
    let (sender, receiver) = mpsc::channel();
    thread::spawn(move || {
        let _ = sender.send(consume(never_exits, &path, 0, Duration::from_millis(100)));
    });
    // Only stops a hang; the patience above is what ends a correct run.
    let result = receiver
        .recv_timeout(Duration::from_secs(10))
        .expect("consume still waits for a producer that never exits");
    let error = result.expect_err("the producer never exited");
    assert_eq!(error.kind(), ErrorKind::TimedOut, "{error}");
}

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
