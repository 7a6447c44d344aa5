use std::io::{self, Read, Write};
use std::os::unix::process::ExitStatusExt;
use std::process::{Command, Stdio};
use std::thread;

// ANCHOR: child
/// The child's role: read all of stdin, write it back in upper case followed by
/// `$SUFFIX`, and exit with code 3.
fn shout() -> io::Result<()> {
    let mut text = String::new();
    io::stdin().read_to_string(&mut text)?;
    let suffix = std::env::var("SUFFIX").unwrap_or_default();
    print!("{}{suffix}", text.to_uppercase());
    io::stdout().flush()?;
    std::process::exit(3);
}
// ANCHOR_END: child

// Signal numbers on Linux (see `man 7 signal`).
const SIGABRT: i32 = 6;
const SIGKILL: i32 = 9;

// ANCHOR: parent
fn main() -> io::Result<()> {
    match std::env::args().nth(1).as_deref() {
        Some("--shout") => return shout(),
        Some("--abort") => std::process::abort(),
        Some("--sleep") => loop {
            thread::park();
        },
        _ => {} // no role flag: this is the parent
    }
    let this_program = std::env::current_exe()?;

    // Arguments, environment and pipes.
    let mut child = Command::new(&this_program)
        .arg("--shout")
        .env("SUFFIX", "!")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()?;
    let mut stdin = child.stdin.take().expect("stdin is piped");
    stdin.write_all(b"hello from the parent")?;
    drop(stdin); // closing our end is how the child sees the end of its input
    let output = child.wait_with_output()?; // reads stdout to the end, then reaps
    assert_eq!(output.stdout, b"HELLO FROM THE PARENT!");
    assert_eq!(output.status.code(), Some(3));
    assert!(!output.status.success());

    // A child killed by a signal has no exit code; on Unix it has a signal number.
    let status = Command::new(&this_program).arg("--abort").status()?;
    assert_eq!(status.code(), None);
    assert_eq!(status.signal(), Some(SIGABRT));

    // A child that would run forever: kill it, then wait to reap it.
    let mut sleeper = Command::new(&this_program).arg("--sleep").spawn()?;
    assert!(sleeper.try_wait()?.is_none(), "still running");
    sleeper.kill()?;
    let status = sleeper.wait()?;
    assert_eq!(status.signal(), Some(SIGKILL));
    Ok(())
}
// ANCHOR_END: parent
