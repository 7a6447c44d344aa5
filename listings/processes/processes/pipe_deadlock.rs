use std::io::{self, ErrorKind, Read, Write};
use std::process::{ChildStdin, ChildStdout, Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

// ANCHOR: echo
/// Write all of `data` to a child that echoes it, then read the echo: deadlocks
/// as soon as `data` is larger than the two pipes can hold.
fn echo_in_turn(
    mut stdin: ChildStdin,
    mut stdout: ChildStdout,
    data: &[u8],
) -> io::Result<Vec<u8>> {
    stdin.write_all(data)?; // the child blocks writing to us; we block writing to it
    drop(stdin);
    let mut echo = Vec::new();
    stdout.read_to_end(&mut echo)?;
    Ok(echo)
}

/// The fix: a second thread writes while this one reads.
fn echo_at_once(
    mut stdin: ChildStdin,
    mut stdout: ChildStdout,
    data: &[u8],
) -> io::Result<Vec<u8>> {
    thread::scope(|scope| {
        let writer = scope.spawn(move || stdin.write_all(data)); // `stdin` closes here
        let mut echo = Vec::new();
        stdout.read_to_end(&mut echo)?;
        writer.join().expect("the writer panicked")?;
        Ok(echo)
    })
}
// ANCHOR_END: echo

// ANCHOR: main
fn main() -> io::Result<()> {
    match std::env::args().nth(1).as_deref() {
        Some("--echo") => {
            io::copy(&mut io::stdin(), &mut io::stdout())?;
            return Ok(());
        }
        Some("--noisy") => {
            io::stderr().write_all(&[b'e'; 1 << 20])?;
            io::stdout().write_all(&[b'o'; 1 << 20])?;
            return Ok(());
        }
        _ => {}
    }
    let this_program = std::env::current_exe()?;
    let data = vec![7u8; 4 << 20]; // 4 MiB: far more than two pipe buffers
    let start_echo = || {
        Command::new(&this_program)
            .arg("--echo")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
    };

    let mut child = start_echo()?;
    let (stdin, stdout) = (child.stdin.take().unwrap(), child.stdout.take().unwrap());
    assert_eq!(echo_at_once(stdin, stdout, &data)?, data);
    assert!(child.wait()?.success());

    // The deadlock, run on a thread of its own so that a deadline can end it.
    let mut child = start_echo()?;
    let (stdin, stdout) = (child.stdin.take().unwrap(), child.stdout.take().unwrap());
    let (done, finished) = mpsc::channel();
    let data_for_thread = data.clone();
    let stuck = thread::spawn(move || {
        let result = echo_in_turn(stdin, stdout, &data_for_thread);
        let _ = done.send(());
        result
    });
    let waited = finished.recv_timeout(Duration::from_secs(2));
    assert_eq!(waited, Err(mpsc::RecvTimeoutError::Timeout), "no progress");
    child.kill()?; // the child's end of our stdin pipe closes ...
    child.wait()?;
    let error = stuck.join().unwrap().expect_err("the write cannot succeed");
    assert_eq!(error.kind(), ErrorKind::BrokenPipe); // ... and our write fails

    // `output()` reads stdout and stderr together, so a chatty child cannot block.
    let output = Command::new(&this_program).arg("--noisy").output()?;
    assert_eq!(
        (output.stdout.len(), output.stderr.len()),
        (1 << 20, 1 << 20)
    );
    Ok(())
}
// ANCHOR_END: main
