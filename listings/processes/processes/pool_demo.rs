extern crate listings;

use std::io;
use std::process::{Command, Stdio};
use std::time::Duration;

use listings::processes::processes::pool::{
    Failure, Fault, Job, Outcome, ProcessPool, compute, serve,
};

// ANCHOR: demo
fn main() {
    // Started as a worker: serve requests on stdin/stdout until stdin closes.
    if std::env::args().nth(1).as_deref() == Some("--worker") {
        if let Err(e) = serve(io::stdin().lock(), io::stdout().lock()) {
            eprintln!("worker: {e}");
            std::process::exit(2);
        }
        return;
    }

    // Otherwise this is the parent: its workers are this same program.
    let this_program = std::env::current_exe().expect("the path of this program");
    let start_worker = || {
        let mut command = Command::new(&this_program);
        command.arg("--worker").stderr(Stdio::null());
        command
    };
    let mut pool = ProcessPool::new(2, Duration::from_secs(1), start_worker);

    let job = |id, fault| Job {
        id,
        input: 27,
        fault,
    };
    let jobs = [
        job(1, None),
        job(2, Some((Fault::Crash, 1))), // crashes once, then succeeds
        job(3, Some((Fault::Hang, 1))),  // hangs once, then succeeds
        job(4, Some((Fault::Garbage, 1))), // garbles once, then succeeds
        job(5, Some((Fault::Crash, 2))), // crashes on both attempts
        job(6, Some((Fault::Garbage, 2))), // garbles on both attempts
    ];
    let mut reports = pool.run(&jobs);
    reports.sort_by_key(|&(id, _)| id);

    let done = Outcome::Done(compute(27));
    assert_eq!(
        reports,
        [
            (1, done),
            (2, done),
            (3, done),
            (4, done),
            (5, Outcome::Failed(Failure::Crashed)),
            (6, Outcome::Failed(Failure::Malformed)),
        ]
    );
}
// ANCHOR_END: demo
