//! Runs a libtest program (a test binary, or rustdoc running a chapter's doctests) with
//! a deadline: when no test has finished for a while ([`TEST_LIMIT`], [`DOCTEST_LIMIT`]),
//! its whole process group is killed and the run fails, naming the program and the
//! tests still unfinished. A hang is then a failure with a name within a minute, not
//! a CI timeout.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read};
use std::os::unix::process::CommandExt;
use std::process::{Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use crate::Result;

/// How long a test binary may go without finishing a test. The slowest test of the
/// book, the process pool's property test, waits out the deadlines of the hangs it
/// injects: about 15 s alone, over 30 s on 2 busy cores. Every loom model takes under
/// 3 s.
pub const TEST_LIMIT: Duration = Duration::from_secs(60);

/// The same for a chapter's doctests, where each test is also a compilation.
pub const DOCTEST_LIMIT: Duration = Duration::from_secs(60);

/// What a supervised run printed, and how it ended.
pub struct Finished {
    pub status: ExitStatus,
    /// Standard output and standard error, line by line, in the order they came.
    pub output: String,
}

/// Runs `command` in a process group of its own, echoing its output when `echo`, and
/// kills it when no test has finished for `limit`. After a hang, `tests` names every
/// test it may run (from `--list`, asked only then: listing a chapter's doctests costs
/// rustdoc seconds), so that the failure names the unfinished ones; `what` names the
/// program in messages.
pub fn run(
    command: &mut Command,
    what: &str,
    tests: impl FnOnce() -> Vec<String>,
    limit: Duration,
    echo: bool,
) -> Result<Finished> {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0)
        .spawn()
        .map_err(|e| format!("cannot run {what}: {e}"))?;
    let (lines, received) = mpsc::channel::<String>();
    let readers = [
        forward(child.stdout.take().unwrap(), lines.clone()),
        forward(child.stderr.take().unwrap(), lines),
    ];
    let mut output = String::new();
    let mut finished = BTreeSet::new();
    let mut last_progress = Instant::now();
    loop {
        let left = limit.saturating_sub(last_progress.elapsed());
        match received.recv_timeout(left) {
            Ok(line) => {
                if echo {
                    println!("{line}");
                }
                if let Some(name) = finished_test(&line) {
                    finished.insert(name.to_owned());
                    last_progress = Instant::now();
                }
                output.push_str(&line);
                output.push('\n');
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                kill_group(child.id());
                let _ = child.wait();
                let tests = tests();
                let unfinished: Vec<&str> = tests
                    .iter()
                    .map(String::as_str)
                    .filter(|t| !finished.contains(*t))
                    .collect();
                let names = match unfinished.is_empty() {
                    true => "(its tests could not be listed)".to_owned(),
                    false => unfinished.join(", "),
                };
                let last: Vec<&str> = output.lines().rev().take(20).collect();
                let last = match last.is_empty() {
                    true => String::new(),
                    false => format!(
                        " Its last lines:\n{}\n",
                        last.into_iter().rev().collect::<Vec<_>>().join("\n")
                    ),
                };
                return Err(format!(
                    "{what} finished no test for {}s and was killed: a hang.{last} \
                     Unfinished, the hang among them: {names}",
                    limit.as_secs()
                ));
            }
        }
    }
    for reader in readers {
        let _ = reader.join();
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    Ok(Finished { status, output })
}

/// libtest's arguments that list the tests instead of running them.
pub const LIST: [&str; 3] = ["--list", "--format", "terse"];

/// The tests `program` would run, from what it prints when `list_args` (which pass
/// [`LIST`] on to libtest) are added: `name: test` lines.
pub fn list(program: &mut Command, list_args: &[&str]) -> Vec<String> {
    let Ok(output) = program.args(list_args).stdin(Stdio::null()).output() else {
        return Vec::new();
    };
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| line.strip_suffix(": test"))
        .map(str::to_owned)
        .collect()
}

/// `test a::b ... ok` (or `FAILED`, `ignored`): the name of a test that finished.
fn finished_test(line: &str) -> Option<&str> {
    let rest = line.strip_prefix("test ")?;
    let (name, verdict) = rest.rsplit_once(" ... ")?;
    let verdict = verdict.trim();
    (verdict == "ok" || verdict == "FAILED" || verdict.starts_with("ignored")).then_some(name)
}

fn forward(
    stream: impl Read + Send + 'static,
    lines: mpsc::Sender<String>,
) -> thread::JoinHandle<()> {
    thread::spawn(move || {
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { break };
            if lines.send(line).is_err() {
                break;
            }
        }
    })
}

/// SIGKILL to the process group `leader` leads: the program and every process it
/// started (a doctest, a worker of the process pool).
fn kill_group(leader: u32) {
    let _ = Command::new("kill")
        .args(["-KILL", "--", &format!("-{leader}")])
        .status();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finished_tests_are_read_from_libtest_lines() {
        assert_eq!(finished_test("test a::b ... ok"), Some("a::b"));
        assert_eq!(
            finished_test("test src/x.md - T (line 4) ... FAILED"),
            Some("src/x.md - T (line 4)")
        );
        assert_eq!(finished_test("test a ... ignored, slow"), Some("a"));
        assert_eq!(finished_test("running 3 tests"), None);
        assert_eq!(
            finished_test("test a has been running for over 60 seconds"),
            None
        );
    }

    /// A program that finishes one test and then hangs, with a child of its own, is
    /// killed with that child, and the error names the test that did not finish.
    #[test]
    fn a_hang_is_killed_and_named() {
        let tests = || vec!["one".to_owned(), "two".to_owned()];
        let mut hanging = Command::new("sh");
        hanging.args(["-c", "echo 'test one ... ok'; sleep 1000 & wait"]);
        let error = run(
            &mut hanging,
            "the program",
            tests,
            Duration::from_secs(1),
            false,
        )
        .err()
        .expect("a program that hangs must fail");
        assert!(
            error.starts_with("the program finished no test for 1s and was killed"),
            "{error}"
        );
        assert!(
            error.ends_with("Unfinished, the hang among them: two"),
            "{error}"
        );
    }

    #[test]
    fn a_run_that_ends_keeps_its_output_and_status() {
        let mut passing = Command::new("sh");
        passing.args(["-c", "echo 'test one ... ok'; echo oops >&2; exit 3"]);
        let finished = run(&mut passing, "it", Vec::new, Duration::from_secs(30), false).unwrap();
        assert_eq!(finished.status.code(), Some(3));
        assert_eq!(finished.output.lines().count(), 2, "{}", finished.output);
    }
}
