//! Chapter 10: fixed cases of the process pool, its worker, and the fork hazard.

use std::io::{Read, Write};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use listings::processes::processes::fork_hazard::{
    ChildFate, fork_while_another_thread_holds_a_lock,
};
use listings::processes::processes::pool::{Failure, Fault, Job, Outcome, ProcessPool};

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
    let mut pool = ProcessPool::new(1, Duration::from_secs(1), || {
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
    let fate = fork_while_another_thread_holds_a_lock(Duration::from_secs(1));
    assert_eq!(fate, ChildFate::KilledAtDeadline);
}
