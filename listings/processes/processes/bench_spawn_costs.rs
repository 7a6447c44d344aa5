extern crate listings;
extern crate postcard;
extern crate serde;
extern crate serde_json;
extern crate tokio;

use std::hint::black_box;
use std::io;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use listings::measure::{Table, best_of_three, ratio, time};
use listings::processes::processes::pool::{Job, ProcessPool, compute, serve};
use serde::{Deserialize, Serialize};

// ANCHOR: bench
/// A job's payload: a name and some numbers.
#[derive(Serialize, Deserialize, PartialEq, Debug)]
struct Payload {
    name: String,
    values: Vec<f64>,
}

/// Time per repetition: the best of three runs of `count` repetitions.
fn per_item(count: u32, mut run: impl FnMut()) -> Duration {
    best_of_three(|| {
        for _ in 0..count {
            run();
        }
    }) / count
}

fn main() {
    match std::env::args().nth(1).as_deref() {
        Some("--exit") => return,
        Some("--worker") => return serve(io::stdin().lock(), io::stdout().lock()).unwrap(),
        _ => {}
    }
    let this_program = std::env::current_exe().unwrap();

    // Starting something and waiting for it to end.
    let process = per_item(200, || {
        let status = Command::new(&this_program).arg("--exit").status().unwrap();
        assert!(status.success());
    });
    let thread = per_item(2_000, || thread::spawn(|| ()).join().unwrap());
    // One thread: the task's own cost, without waking another thread.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let task = best_of_three(|| {
        runtime.block_on(async {
            for _ in 0..100_000 {
                tokio::spawn(async {}).await.unwrap();
            }
        })
    }) / 100_000;
    report(
        "spawn",
        "Start something and wait for it to end",
        "start and wait for",
        &[
            ("a process (this program again, exiting at once)", process),
            ("a thread", thread),
            ("a tokio task (current-thread runtime)", task),
        ],
    );

    // Handing one job's payload to another process (encoded and decoded) or to
    // another thread (a reference sent, and an answer back).
    let mut handovers = Vec::new();
    for (values, count) in [(1_000, 2_000), (1_000_000, 5)] {
        let payload = Payload {
            name: "sensor-17".into(),
            values: (0..values).map(|i| i as f64 * 0.1).collect(),
        };
        let postcard_trip = per_item(count, || {
            let bytes = postcard::to_stdvec(&payload).unwrap();
            black_box(postcard::from_bytes::<Payload>(&bytes).unwrap());
        });
        let json_trip = per_item(count, || {
            let bytes = serde_json::to_vec(&payload).unwrap();
            black_box(serde_json::from_slice::<Payload>(&bytes).unwrap());
        });
        let by_reference = thread::scope(|scope| {
            let (send, receive) = mpsc::channel::<&Payload>();
            let (answer, answered) = mpsc::channel();
            scope.spawn(move || {
                for payload in receive {
                    answer.send(black_box(payload).values.len()).unwrap();
                }
            });
            per_item(count * 10, || {
                send.send(&payload).unwrap();
                answered.recv().unwrap();
            })
        });
        handovers.push([postcard_trip, json_trip, by_reference]);
    }
    let title = "Hand over one job's payload of 1,000 or 1,000,000 numbers";
    let columns = ["hand over", "1,000 numbers", "1,000,000 numbers"];
    let mut table = Table::new("payload", title, &columns, "best of 3 runs");
    let ways = [
        "postcard, encode + decode",
        "serde_json, encode + decode",
        "a `&Payload` sent to a thread, and an answer back",
    ];
    for (way, name) in ways.iter().enumerate() {
        table.row(&[name, &time(handovers[0][way]), &time(handovers[1][way])]);
    }
    table.print();

    let mut pool = ProcessPool::new(1, Duration::from_secs(10), || {
        let mut command = Command::new(&this_program);
        command.arg("--worker").stderr(Stdio::null());
        command
    });
    let jobs: Vec<Job> = (0..2_000)
        .map(|id| Job {
            id,
            input: 27,
            fault: None,
        })
        .collect();
    pool.run(&jobs[..1]); // start the worker before timing
    let pool_trip = best_of_three(|| assert_eq!(pool.run(&jobs).len(), jobs.len())) / 2_000;
    let thread_trip = thread::scope(|scope| {
        let (send, receive) = mpsc::channel::<&Job>();
        let (answer, answered) = mpsc::channel();
        scope.spawn(move || {
            for job in receive {
                answer.send(compute(job.input)).unwrap();
            }
        });
        per_item(20_000, || {
            send.send(&jobs[0]).unwrap();
            answered.recv().unwrap();
        })
    });
    report(
        "tiny-job",
        "A tiny job and its answer",
        "sent",
        &[
            (
                "through the process pool (a warm worker, pipes, postcard)",
                pool_trip,
            ),
            (
                "through a worker thread (two channel messages)",
                thread_trip,
            ),
        ],
    );
}

/// A table of times per item, each with its ratio to the cheapest.
fn report(anchor: &'static str, title: &str, what: &'static str, rows: &[(&str, Duration)]) {
    let cheapest = rows.iter().map(|&(_, t)| t).min().unwrap();
    let columns = [what, "time each", "ratio to the cheapest"];
    let mut table = Table::new(anchor, title, &columns, "best of 3 runs");
    for (name, each) in rows {
        table.row(&[name, &time(*each), &ratio(*each, cheapest)]);
    }
    table.print();
}
// ANCHOR_END: bench
