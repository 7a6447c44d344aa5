use std::sync::{Mutex, mpsc};
use std::thread;
use std::time::{Duration, Instant};

// ANCHOR: fork
// The C library's process calls, declared as on Linux (std links the C library).
type Pid = i32;
const WNOHANG: i32 = 1;
const SIGKILL: i32 = 9;
unsafe extern "C" {
    fn fork() -> Pid;
    fn waitpid(pid: Pid, status: *mut i32, options: i32) -> Pid;
    fn kill(pid: Pid, signal: i32) -> i32;
    fn _exit(status: i32) -> !;
}

static LOG: Mutex<Vec<&str>> = Mutex::new(Vec::new());

#[derive(Debug, PartialEq, Eq)]
pub enum ChildFate {
    Exited(i32),
    KilledAtDeadline,
}

/// Forks while another thread holds `LOG`'s lock (or, if `held` is false, after that
/// thread has let go of it); the child then wants that lock.
pub fn fork_then_lock(held: bool, deadline: Duration) -> ChildFate {
    let (locked, lock_is_held) = mpsc::channel();
    let (let_go, told_to_let_go) = mpsc::channel::<()>();
    let holder = thread::spawn(move || {
        let guard = LOG.lock().unwrap();
        if !held {
            drop(guard);
        }
        locked.send(()).unwrap();
        told_to_let_go.recv().unwrap(); // keeps `guard`, if held, until the parent is done
    });
    lock_is_held.recv().unwrap();

    // SAFETY: the child only takes `LOG`'s lock, pushes, and exits with `_exit`; it
    // never returns into code that assumes other threads. `push` allocates, which
    // POSIX does not allow after `fork` in a threaded process; glibc's `malloc`
    // survives it, and showing the hazard of a lock that does not is the point here.
    let pid = unsafe { fork() };
    assert!(pid >= 0, "fork failed");
    if pid == 0 {
        // The child is a copy of this one thread. The holder was not copied, but
        // the lock's state was: locked, by a thread that will never unlock it.
        LOG.lock().unwrap().push("child was here");
        unsafe { _exit(0) }
    }
    let fate = wait_or_kill(pid, deadline);
    let_go.send(()).unwrap();
    holder.join().unwrap();
    fate
}

/// Reaps `pid` if it exits before `deadline`; otherwise kills it, then reaps it.
fn wait_or_kill(pid: Pid, deadline: Duration) -> ChildFate {
    let started = Instant::now();
    let mut status = 0;
    loop {
        // SAFETY: plain system calls on our own child's pid.
        if unsafe { waitpid(pid, &mut status, WNOHANG) } == pid {
            // The exit code, or 128 + the signal's number as a shell reports it.
            let code = match status & 0x7f {
                0 => (status >> 8) & 0xff,
                signal => 128 + signal,
            };
            return ChildFate::Exited(code);
        }
        if started.elapsed() > deadline {
            // SAFETY: plain system calls on our own child's pid, which is not reaped
            // yet, so it cannot have been reused.
            unsafe {
                kill(pid, SIGKILL);
                waitpid(pid, &mut status, 0);
            }
            return ChildFate::KilledAtDeadline;
        }
        thread::sleep(Duration::from_millis(10));
    }
}
// ANCHOR_END: fork

fn main() {
    let fate = fork_then_lock(true, Duration::from_secs(1));
    assert_eq!(
        fate,
        ChildFate::KilledAtDeadline,
        "the child never gets the lock"
    );
    // The same fork after the holder has let go: the child takes the lock and exits.
    let fate = fork_then_lock(false, Duration::from_secs(10));
    assert_eq!(fate, ChildFate::Exited(0));
}
