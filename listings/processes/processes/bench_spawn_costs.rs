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

use listings::measure::{METHOD, Samples, Table, interleaved, ratios_to, spread};
use listings::processes::processes::pool::{Job, ProcessPool, compute, serve};
use serde::{Deserialize, Serialize};

// ANCHOR: bench
/// A job's payload: a name and some numbers.
#[derive(Serialize, Deserialize, PartialEq, Debug)]
struct Payload {
    name: String,
    values: Vec<f64>,
}

/// A way of doing something: its name, how many times a run does it, and the run,
/// which is given that count.
type Way<'a> = (&'a str, u32, &'a mut dyn FnMut(u32));

/// The time of one repetition of each way, from runs interleaved across the ways.
fn per_item(ways: &mut [Way]) -> Vec<Samples> {
    let times = interleaved(ways.len(), |way| {
        let (_, count, run) = &mut ways[way];
        run(*count)
    });
    let counts = ways.iter().map(|&(_, count, _)| count as u64);
    times
        .iter()
        .zip(counts)
        .map(|(t, count)| t.each(count))
        .collect()
}

fn main() {
    match std::env::args().nth(1).as_deref() {
        Some("--exit") => return,
        Some("--worker") => return serve(io::stdin().lock(), io::stdout().lock()).unwrap(),
        _ => {}
    }
    let this_program = std::env::current_exe().unwrap();

    // Starting something and waiting for it to end.
    let mut start_process = |n: u32| {
        for _ in 0..n {
            let status = Command::new(&this_program).arg("--exit").status().unwrap();
            assert!(status.success());
        }
    };
    let mut start_thread = |n: u32| (0..n).for_each(|_| thread::spawn(|| ()).join().unwrap());
    // One thread: the task's own cost, without waking another thread.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let mut start_task = |n: u32| {
        runtime.block_on(async {
            for _ in 0..n {
                tokio::spawn(async {}).await.unwrap();
            }
        })
    };
    let mut ways: [Way; 3] = [
        (
            "a process (this program again, exiting at once)",
            200,
            &mut start_process,
        ),
        ("a thread", 2_000, &mut start_thread),
        (
            "a tokio task (current-thread runtime)",
            100_000,
            &mut start_task,
        ),
    ];
    let times = per_item(&mut ways);
    let title = "Start something and wait for it to end";
    report("spawn", title, "start and wait for", &ways, &times);

    // Handing one job's payload to another process (encoded and decoded) or to
    // another thread (a reference sent, and an answer back).
    let names = [
        "postcard, encode + decode",
        "serde_json, encode + decode",
        "a `&Payload` sent to a thread, and an answer back",
    ];
    let mut handovers = Vec::new();
    for (values, count) in [(1_000, 2_000), (1_000_000, 5)] {
        let payload = Payload {
            name: "sensor-17".into(),
            values: (0..values).map(|i| i as f64 * 0.1).collect(),
        };
        let mut postcard_trip = |n: u32| {
            for _ in 0..n {
                let bytes = postcard::to_stdvec(&payload).unwrap();
                black_box(postcard::from_bytes::<Payload>(&bytes).unwrap());
            }
        };
        let mut json_trip = |n: u32| {
            for _ in 0..n {
                let bytes = serde_json::to_vec(&payload).unwrap();
                black_box(serde_json::from_slice::<Payload>(&bytes).unwrap());
            }
        };
        handovers.push(thread::scope(|scope| {
            let (send, receive) = mpsc::channel::<&Payload>();
            let (answer, answered) = mpsc::channel();
            scope.spawn(move || {
                for payload in receive {
                    answer.send(black_box(payload).values.len()).unwrap();
                }
            });
            let mut by_reference = |n: u32| {
                for _ in 0..n {
                    send.send(&payload).unwrap();
                    answered.recv().unwrap();
                }
            };
            per_item(&mut [
                (names[0], count, &mut postcard_trip),
                (names[1], count, &mut json_trip),
                (names[2], 2_000, &mut by_reference),
            ])
        }));
    }
    let title = "Hand over one job's payload of 1,000 or 1,000,000 numbers";
    let columns = ["hand over", "1,000 numbers", "1,000,000 numbers"];
    let mut table = Table::new("payload", title, &columns, METHOD);
    for (way, name) in names.iter().enumerate() {
        let (small, large) = (&handovers[0][way], &handovers[1][way]);
        table.row(&[name, &spread(small), &spread(large)]);
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
    thread::scope(|scope| {
        let (send, receive) = mpsc::channel::<&Job>();
        let (answer, answered) = mpsc::channel();
        scope.spawn(move || {
            for job in receive {
                answer.send(compute(job.input)).unwrap();
            }
        });
        let mut through_pool = |n: u32| {
            let jobs = &jobs[..n as usize];
            assert_eq!(pool.run(jobs).len(), jobs.len());
        };
        let mut through_thread = |n: u32| {
            for _ in 0..n {
                send.send(&jobs[0]).unwrap();
                answered.recv().unwrap();
            }
        };
        let mut ways: [Way; 2] = [
            (
                "through the process pool (a warm worker, pipes, postcard)",
                2_000,
                &mut through_pool,
            ),
            (
                "through a worker thread (two channel messages)",
                2_000,
                &mut through_thread,
            ),
        ];
        let times = per_item(&mut ways);
        report(
            "tiny-job",
            "A tiny job and its answer",
            "sent",
            &ways,
            &times,
        );
    });
}

/// A table of times per item, each with its ratio to the cheapest.
fn report(anchor: &'static str, title: &str, what: &'static str, ways: &[Way], times: &[Samples]) {
    let cheapest = (0..times.len())
        .min_by(|&a, &b| times[a].median().total_cmp(&times[b].median()))
        .unwrap();
    let columns = [what, "time each", "ratio to the cheapest"];
    let mut table = Table::new(anchor, title, &columns, METHOD);
    let ratios = ratios_to(times, cheapest);
    for (((name, _, _), each), ratio) in ways.iter().zip(times).zip(&ratios) {
        table.row(&[name, &spread(each), ratio]);
    }
    table.print();
}
// ANCHOR_END: bench
