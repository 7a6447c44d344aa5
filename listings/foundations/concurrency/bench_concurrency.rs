extern crate cpu_time;
extern crate listings;
extern crate tokio;

use std::time::{Duration, Instant};

use cpu_time::ProcessTime;
use listings::foundations::concurrency::mixed_jobs::run_batch;
use listings::measure::{METHOD, Samples, Table, interleaved_timed, speedup, spread, time};
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
    let runtimes = [("current_thread", &concurrent), ("multi_thread", &parallel)];

    let (jobs, rounds, wait) = (8, 40_000_000, Duration::from_millis(100));
    // ANCHOR: clocks
    // Two clocks: the time that passed, and the CPU time of all threads together.
    // The two runtimes take turns, round after round.
    let mut cpu_times = [Vec::new(), Vec::new()];
    let wall_times = interleaved_timed(runtimes.len(), |way| {
        let (wall, cpu) = (Instant::now(), ProcessTime::now());
        std::hint::black_box(runtimes[way].1.block_on(run_batch(jobs, rounds, wait)));
        cpu_times[way].push(cpu.elapsed().as_secs_f64());
        wall.elapsed()
    });
    // ANCHOR_END: clocks
    // The first run of each runtime is the untimed warm-up round's.
    let cpu_times = cpu_times.map(|runs| Samples::new(runs[1..].to_vec()));

    let title = format!("{jobs} jobs that each compute and wait {} once", time(wait));
    let columns = ["runtime", "wall time", "CPU time", "CPU / wall"];
    let mut table = Table::new("runtimes", title, &columns, METHOD);
    for (((name, _), wall), cpu) in runtimes.iter().zip(&wall_times).zip(&cpu_times) {
        let name = format!("`{name}`");
        table.row(&[&name, &spread(wall), &spread(cpu), &speedup(cpu, wall)]);
    }
    // Not measured: one job after another would compute as long as on one thread,
    // and wait every wait.
    let waits = (wait * jobs as u32).as_secs_f64();
    let cpu = &cpu_times[0];
    let in_turn = cpu.plus(waits);
    let name = "one job after another (computed)";
    table.row(&[
        &name,
        &spread(&in_turn),
        &spread(cpu),
        &speedup(cpu, &in_turn),
    ]);
    table.print();
}
// ANCHOR_END: bench
