//! Chapter 10: fixed cases of the process pool, its worker, and the fork hazard.

use std::io::{self, ErrorKind, Read, Write};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use listings::processes::processes::fork_hazard::{ChildFate, fork_then_lock};
use listings::processes::processes::pool::{
    Failure, Fault, Job, Outcome, ProcessPool, compute, read_frame, write_frame,
};

/// Kills and reaps its child when dropped, so a failing test leaves no process behind.
struct KillOnDrop(Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// One test of this file at a time: the fork test copies this whole process, and a
/// copy of a pipe that another test is setting up would hold that pipe open.
fn one_at_a_time() -> MutexGuard<'static, ()> {
    static SERIAL: Mutex<()> = Mutex::new(());
    SERIAL
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn jobs(count: u64, fault: Option<(Fault, u8)>) -> Vec<Job> {
    (0..count)
        .map(|id| Job {
            id,
            input: id + 1,
            fault,
        })
        .collect()
}

#[test]
fn a_worker_that_cannot_start_fails_each_job_exactly_once() {
    let _serial = one_at_a_time();
    let mut pool = ProcessPool::new(2, Duration::from_secs(1), || {
        Command::new("/nonexistent/worker-program")
    });
    let mut reports = pool.run(&jobs(5, None));
    reports.sort_by_key(|&(id, _)| id);
    let failed = Outcome::Failed(Failure::CouldNotStart);
    assert_eq!(reports, (0..5).map(|id| (id, failed)).collect::<Vec<_>>());
}

#[test]
fn a_job_that_hangs_on_every_attempt_is_reported_as_timed_out() {
    let _serial = one_at_a_time();
    // The job hangs on both attempts, so any deadline ends in `TimedOut`.
    let mut pool = ProcessPool::new(1, Duration::from_millis(100), || {
        let mut command = Command::new(env!("CARGO_BIN_EXE_pool_demo"));
        command.arg("--worker");
        command
    });
    let reports = pool.run(&jobs(1, Some((Fault::Hang, 2))));
    assert_eq!(reports, [(0, Outcome::Failed(Failure::TimedOut))]);
}

#[test]
fn the_worker_rejects_a_malformed_request_with_a_clear_error() {
    let _serial = one_at_a_time();
    let child = Command::new(env!("CARGO_BIN_EXE_pool_demo"))
        .arg("--worker")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut child = KillOnDrop(child);
    let mut stdin = child.0.stdin.take().unwrap();
    stdin.write_all(b"not a frame\n").unwrap();
    drop(stdin);
    let mut stderr = String::new();
    child
        .0
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.0.wait().unwrap();
    assert_eq!(status.code(), Some(2), "stderr: {stderr}");
    assert!(
        stderr.starts_with("worker: a frame of 544501614 bytes announced"),
        "stderr: {stderr}"
    );
}

#[test]
fn a_child_forked_while_a_lock_is_held_never_gets_it() {
    let _serial = one_at_a_time();
    let fate = fork_then_lock(true, Duration::from_secs(1));
    assert_eq!(fate, ChildFate::KilledAtDeadline);
}

/// The control: the same fork, once the lock is free, gives a child that takes the
/// lock and exits normally. The hang above is the held lock's doing.
#[test]
fn a_child_forked_after_the_lock_was_released_gets_it_and_exits() {
    let _serial = one_at_a_time();
    let fate = fork_then_lock(false, Duration::from_secs(10));
    assert_eq!(fate, ChildFate::Exited(0));
}

/// Step counts worked out by hand (they are OEIS A006577).
#[test]
fn compute_counts_the_collatz_steps_down_to_one() {
    let known = [
        (1, 0),
        (2, 1),
        (3, 7),
        (6, 8),
        (7, 16),
        (9, 19),
        (27, 111),
        (97, 118),
    ];
    for (input, steps) in known {
        assert_eq!(compute(input), steps, "steps from {input}");
    }
}

/// Hands out `bytes`, but its first `read` is interrupted by a signal, as a pipe's
/// `read` can be.
struct InterruptedOnce<'a> {
    bytes: &'a [u8],
    interrupted: bool,
}

impl Read for InterruptedOnce<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if !self.interrupted {
            self.interrupted = true;
            return Err(ErrorKind::Interrupted.into());
        }
        self.bytes.read(buf)
    }
}

#[test]
fn a_read_interrupted_by_a_signal_is_retried() {
    let job = Job {
        id: 7,
        input: 27,
        fault: None,
    };
    let mut bytes = Vec::new();
    write_frame(&mut bytes, &job).unwrap();
    let mut input = InterruptedOnce {
        bytes: &bytes,
        interrupted: false,
    };
    assert_eq!(read_frame::<Job>(&mut input).unwrap(), Some(job));
    let mut input = InterruptedOnce {
        bytes: &[],
        interrupted: false,
    };
    assert_eq!(read_frame::<Job>(&mut input).unwrap(), None, "a clean end");
}

/// The reader refuses a frame over 1 MiB, so the writer must never send one.
#[test]
fn write_frame_refuses_a_message_larger_than_a_frame_may_be() {
    // postcard writes a `Vec<u8>` as its length (3 bytes at these sizes), then the bytes.
    let largest = vec![7u8; (1 << 20) - 3];
    let mut frame = Vec::new();
    write_frame(&mut frame, &largest).unwrap();
    assert_eq!(frame.len(), 4 + (1 << 20));
    assert_eq!(
        read_frame::<Vec<u8>>(&mut &frame[..]).unwrap(),
        Some(largest)
    );

    let mut out = Vec::new();
    let error = write_frame(&mut out, &vec![7u8; (1 << 20) - 2]).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidInput, "{error}");
    assert!(out.is_empty(), "nothing of the refused frame is written");
}

/// A worker that is a shell script: `before`, then `printf` sends `bytes` on its
/// stdout, then `after`. It never runs the pool's code, so it can break the protocol
/// in ways the injected faults cannot.
fn scripted_worker(before: &str, bytes: &[u8], after: &str) -> impl Fn() -> Command + Sync {
    let octal: String = bytes.iter().map(|b| format!("\\{b:03o}")).collect();
    let script = format!("{before} printf '{octal}'; {after}");
    move || {
        let mut command = Command::new("sh");
        command.arg("-c").arg(&script);
        command
    }
}

/// The frames a worker sends, encoded by hand: a little-endian length, then postcard
/// (an enum variant is its index; a small number is one byte).
const READY: [u8; 5] = [1, 0, 0, 0, 0];
const DONE_FOR_JOB_99: [u8; 7] = [3, 0, 0, 0, 1, 99, 111];

/// Runs one job (id 0) on a pool of one scripted worker; both attempts meet the
/// same script.
fn outcome_with(worker: impl Fn() -> Command + Sync) -> Outcome {
    // Only stops a hang: none of these workers makes the pool wait for it.
    let mut pool = ProcessPool::new(1, Duration::from_secs(10), worker);
    let reports = pool.run(&jobs(1, None));
    assert_eq!(reports.len(), 1, "one report for one job: {reports:?}");
    reports[0].1
}

#[test]
fn a_frame_cut_short_is_a_crash() {
    let _serial = one_at_a_time();
    // `exec cat >/dev/null` closes the script's stdout, and keeps reading its stdin so
    // that the request is written before the pool reads on.
    let body_cut = [&READY[..], &[10, 0, 0, 0, 1, 2, 3]].concat();
    let header_cut = [&READY[..], &[10, 0]].concat();
    for bytes in [body_cut, header_cut] {
        let outcome = outcome_with(scripted_worker("", &bytes, "exec cat >/dev/null"));
        assert_eq!(outcome, Outcome::Failed(Failure::Crashed), "{bytes:?}");
    }
}

#[test]
fn a_reply_for_another_job_is_malformed() {
    let _serial = one_at_a_time();
    let bytes = [&READY[..], &DONE_FOR_JOB_99].concat();
    let outcome = outcome_with(scripted_worker("", &bytes, "exec cat >/dev/null"));
    assert_eq!(outcome, Outcome::Failed(Failure::Malformed));
}

#[test]
fn a_worker_gone_before_its_request_is_written_has_crashed() {
    let _serial = one_at_a_time();
    // Closes its stdin, says it is ready, and exits: the request cannot be written.
    let outcome = outcome_with(scripted_worker("exec 0<&-;", &READY, "exit 0"));
    assert_eq!(outcome, Outcome::Failed(Failure::Crashed));
}
