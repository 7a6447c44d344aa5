extern crate cpu_time;
extern crate listings;
extern crate tokio;

use std::time::{Duration, Instant};

use cpu_time::ProcessTime;
use listings::foundations::concurrency::mixed_jobs::run_batch;
use listings::measure::{Table, ratio, time};
use tokio::runtime::Builder;

// ANCHOR: bench
fn main() {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let concurrent = Builder::new_current_thread().enable_time().build().unwrap();
    let parallel = Builder::new_multi_thread()
        .worker_threads(cores)
        .enable_time()
        .build()
        .unwrap();

    let (jobs, rounds, wait) = (8, 40_000_000, Duration::from_millis(100));
    let title = format!("{jobs} jobs that each compute and wait {} once", time(wait));
    let columns = ["runtime", "wall time", "CPU time", "CPU / wall"];
    let mut table = Table::new("runtimes", title, &columns, "best of 3 runs");
    let mut cpu_on_one_core = Duration::ZERO;
    // ANCHOR: clocks
    for (name, runtime) in [("current_thread", &concurrent), ("multi_thread", &parallel)] {
        // Two clocks: the time that passed, and the CPU time of all threads together;
        // of three runs, the one with the least wall time.
        let (wall, cpu) = (0..3)
            .map(|_| {
                let (wall, cpu) = (Instant::now(), ProcessTime::now());
                std::hint::black_box(runtime.block_on(run_batch(jobs, rounds, wait)));
                (wall.elapsed(), cpu.elapsed())
            })
            .min()
            .unwrap();
        // ANCHOR_END: clocks
        table.row(&[
            &format!("`{name}`"),
            &time(wall),
            &time(cpu),
            &ratio(cpu, wall),
        ]);
        if name == "current_thread" {
            cpu_on_one_core = cpu;
        }
    }
    // Not measured: one job after another would compute as long, and wait every wait.
    let in_turn = cpu_on_one_core + wait * jobs as u32;
    let name = "one job after another (computed)";
    let cpu = cpu_on_one_core;
    table.row(&[&name, &time(in_turn), &time(cpu), &ratio(cpu, in_turn)]);
    table.print();
}
// ANCHOR_END: bench
