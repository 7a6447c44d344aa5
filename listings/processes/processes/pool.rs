extern crate postcard;
extern crate serde;

use std::io::{self, ErrorKind, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread;
use std::time::Duration;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

// ANCHOR: protocol
/// A job is data, never code: the worker already has the code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Job {
    pub id: u64,
    pub input: u64,
    /// For testing the pool: misbehave this way on the first `n` attempts.
    pub fault: Option<(Fault, u8)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Fault {
    Crash,
    Hang,
    Garbage,
}

#[derive(Serialize, Deserialize)]
struct Request {
    job: Job,
    attempt: u8,
}

#[derive(Serialize, Deserialize)]
enum Reply {
    Ready,
    Done { id: u64, output: u64 },
}

/// The work itself: the number of Collatz steps from `input` down to 1.
pub fn compute(mut input: u64) -> u64 {
    let mut steps = 0;
    while input > 1 {
        input = if input.is_multiple_of(2) {
            input / 2
        } else {
            3 * input + 1
        };
        steps += 1;
    }
    steps
}

/// A frame is a 4-byte little-endian length, then that many bytes of postcard.
const MAX_FRAME: u32 = 1 << 20;

pub fn write_frame(out: &mut impl Write, message: &impl Serialize) -> io::Result<()> {
    let body = postcard::to_stdvec(message).map_err(io::Error::other)?;
    let len = body.len();
    if len > MAX_FRAME as usize {
        let message = format!("a message of {len} bytes; the limit is {MAX_FRAME}");
        return Err(io::Error::new(ErrorKind::InvalidInput, message));
    }
    out.write_all(&(len as u32).to_le_bytes())?; // fits: checked above
    out.write_all(&body)?;
    out.flush()
}

/// `Ok(None)` when the stream ends cleanly, between two frames.
pub fn read_frame<T: DeserializeOwned>(input: &mut impl Read) -> io::Result<Option<T>> {
    let mut header = [0; 4];
    // `read_exact` retries a read that a signal interrupted. No first byte is a
    // clean end; a stream that ends after it has cut a frame short.
    match input.read_exact(&mut header[..1]) {
        Err(e) if e.kind() == ErrorKind::UnexpectedEof => return Ok(None),
        result => result?,
    }
    input.read_exact(&mut header[1..])?;
    let len = u32::from_le_bytes(header);
    if len > MAX_FRAME {
        let message = format!("a frame of {len} bytes announced; the limit is {MAX_FRAME}");
        return Err(io::Error::new(ErrorKind::InvalidData, message));
    }
    let mut body = vec![0; len as usize];
    input.read_exact(&mut body)?;
    match postcard::take_from_bytes(&body) {
        Ok((message, [])) => Ok(Some(message)),
        Ok(_) => Err(io::Error::new(
            ErrorKind::InvalidData,
            "bytes after the message",
        )),
        Err(e) => Err(io::Error::new(ErrorKind::InvalidData, e)),
    }
}
// ANCHOR_END: protocol

// ANCHOR: worker
/// A worker's whole life: say it is ready, then answer requests until stdin closes.
pub fn serve(mut input: impl Read, mut output: impl Write) -> io::Result<()> {
    write_frame(&mut output, &Reply::Ready)?;
    while let Some(Request { job, attempt }) = read_frame(&mut input)? {
        match job.fault {
            Some((Fault::Crash, n)) if attempt <= n => kill_this_process(),
            Some((Fault::Hang, n)) if attempt <= n => loop {
                thread::park();
            },
            Some((Fault::Garbage, n)) if attempt <= n => {
                output.write_all(b"oops: a stray debug print\n")?;
                output.flush()?;
            }
            _ => {
                let output_value = compute(job.input);
                let reply = Reply::Done {
                    id: job.id,
                    output: output_value,
                };
                write_frame(&mut output, &reply)?;
            }
        }
    }
    Ok(())
}
// ANCHOR_END: worker

/// Ends this process with `SIGKILL`, as the out-of-memory killer does: at once, with
/// no core dump (`std::process::abort` raises `SIGABRT`, which may write one first,
/// and the pipes stay open until it is written).
fn kill_this_process() -> ! {
    unsafe extern "C" {
        fn kill(pid: i32, signal: i32) -> i32;
    }
    const SIGKILL: i32 = 9;
    // SAFETY: a plain system call; any process may send a signal to itself.
    unsafe { kill(std::process::id() as i32, SIGKILL) };
    unreachable!("SIGKILL to this process ends it before `kill` returns")
}

// ANCHOR: pool
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Failure {
    CouldNotStart,
    Crashed,
    TimedOut,
    Malformed,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Done(u64),
    Failed(Failure),
}

/// A job whose worker fails is tried once more on a fresh worker, then reported.
pub const ATTEMPTS: u8 = 2;

/// Waiting for a new worker's `Ready` only stops a worker that never starts.
const STARTUP_LIMIT: Duration = Duration::from_secs(10);

/// One child process, its stdin, and the frames a reader thread takes from its stdout.
struct Worker {
    child: Child,
    stdin: ChildStdin,
    replies: Receiver<io::Result<Option<Reply>>>,
}

impl Worker {
    fn start(mut command: Command) -> Result<Worker, Failure> {
        let mut child = command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|_| Failure::CouldNotStart)?;
        let stdin = child.stdin.take().expect("stdin is piped");
        let mut stdout = child.stdout.take().expect("stdout is piped");
        let (sender, replies) = mpsc::channel();
        // From here on, an early return drops `worker`, which kills and reaps it.
        let mut worker = Worker {
            child,
            stdin,
            replies,
        };
        let reader = move || {
            loop {
                let frame = read_frame(&mut stdout);
                let last = !matches!(frame, Ok(Some(_)));
                if sender.send(frame).is_err() || last {
                    break;
                }
            }
        };
        (thread::Builder::new().spawn(reader)).map_err(|_| Failure::CouldNotStart)?;
        match worker.receive(STARTUP_LIMIT)? {
            Reply::Ready => Ok(worker),
            Reply::Done { .. } => Err(Failure::Malformed),
        }
    }

    fn receive(&mut self, deadline: Duration) -> Result<Reply, Failure> {
        match self.replies.recv_timeout(deadline) {
            Ok(Ok(Some(reply))) => Ok(reply),
            // End of stream, or cut off inside a frame: the worker is gone.
            Ok(Ok(None)) | Err(RecvTimeoutError::Disconnected) => Err(Failure::Crashed),
            Ok(Err(e)) if e.kind() == ErrorKind::UnexpectedEof => Err(Failure::Crashed),
            Ok(Err(_)) => Err(Failure::Malformed),
            Err(RecvTimeoutError::Timeout) => Err(Failure::TimedOut),
        }
    }

    fn ask(&mut self, job: &Job, attempt: u8, deadline: Duration) -> Result<u64, Failure> {
        let request = Request {
            job: job.clone(),
            attempt,
        };
        // Writing to a worker that has exited fails with `BrokenPipe`.
        write_frame(&mut self.stdin, &request).map_err(|_| Failure::Crashed)?;
        match self.receive(deadline)? {
            Reply::Done { id, output } if id == job.id => Ok(output),
            _ => Err(Failure::Malformed),
        }
    }
}

impl Drop for Worker {
    /// Kill and reap: a replaced worker never answers again, and leaves no zombie.
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A fixed number of worker processes, each started by `start()`, with a deadline
/// per job.
pub struct ProcessPool<F> {
    slots: Vec<Option<Worker>>,
    deadline: Duration,
    start: F,
}

impl<F: Fn() -> Command + Sync> ProcessPool<F> {
    pub fn new(size: usize, deadline: Duration, start: F) -> Self {
        assert!(size > 0, "a pool needs at least one worker");
        let slots = (0..size).map(|_| None).collect();
        ProcessPool {
            slots,
            deadline,
            start,
        }
    }

    /// Runs every job and returns exactly one `(id, outcome)` per job, grouped by
    /// worker slot, each slot's in the order it finished them.
    pub fn run(&mut self, jobs: &[Job]) -> Vec<(u64, Outcome)> {
        let next = AtomicUsize::new(0);
        let (start, deadline) = (&self.start, self.deadline);
        let supervise = &|slot: &mut Option<Worker>| {
            let mut reports = Vec::new();
            while let Some(job) = jobs.get(next.fetch_add(1, Ordering::Relaxed)) {
                reports.push((job.id, run_job(slot, job, start, deadline)));
            }
            reports
        };
        let (first, others) = self.slots.split_first_mut().expect("at least one slot");
        thread::scope(|scope| {
            // A slot whose thread cannot start stays idle; this thread supervises
            // the first slot, so every job is still run.
            let helpers: Vec<_> = (others.iter_mut())
                .filter_map(|slot| {
                    let supervisor = thread::Builder::new();
                    supervisor.spawn_scoped(scope, move || supervise(slot)).ok()
                })
                .collect();
            let mut reports = supervise(first);
            for helper in helpers {
                reports.extend(helper.join().expect("a supervisor panicked"));
            }
            reports
        })
    }
}

/// One job, up to `ATTEMPTS` times. A worker that fails is dropped (killed and
/// reaped) and the slot starts a new one for the next attempt.
fn run_job(
    slot: &mut Option<Worker>,
    job: &Job,
    start: &impl Fn() -> Command,
    deadline: Duration,
) -> Outcome {
    let mut failure = Failure::CouldNotStart;
    for attempt in 1..=ATTEMPTS {
        let worker = match slot {
            Some(worker) => worker,
            None => match Worker::start(start()) {
                Ok(worker) => slot.insert(worker),
                Err(f) => {
                    failure = f;
                    continue;
                }
            },
        };
        match worker.ask(job, attempt, deadline) {
            Ok(output) => return Outcome::Done(output),
            Err(f) => {
                failure = f;
                *slot = None;
            }
        }
    }
    Outcome::Failed(failure)
}
// ANCHOR_END: pool

fn main() {
    if std::env::args().nth(1).as_deref() == Some("--worker") {
        serve(io::stdin().lock(), io::stdout().lock()).expect("worker failed");
        return;
    }
    let this_program = std::env::current_exe().unwrap();
    let mut pool = ProcessPool::new(2, Duration::from_secs(5), || {
        let mut command = Command::new(&this_program);
        command.arg("--worker");
        command
    });
    let jobs: Vec<Job> = (1..=20)
        .map(|n| Job {
            id: n,
            input: n * 1000 + 1,
            fault: None,
        })
        .collect();
    let mut reports = pool.run(&jobs);
    reports.sort_by_key(|&(id, _)| id);
    let expected: Vec<_> = (jobs.iter())
        .map(|job| (job.id, Outcome::Done(compute(job.input))))
        .collect();
    assert_eq!(
        reports, expected,
        "every job answered once, by a worker process"
    );
}
