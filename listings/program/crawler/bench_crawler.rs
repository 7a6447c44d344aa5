extern crate cpu_time;
extern crate listings;
extern crate tokio;
extern crate tokio_util;

use std::fs;
use std::io;
use std::process::Command;
use std::time::{Duration, Instant};

use cpu_time::ProcessTime;
use listings::choosing::measured::report::{Report, announce, pythons, run_child};
use listings::measure::{METHOD, Samples, Table, interleaved_timed, mebibytes, separated, spread};
use listings::program::crawler::crawl::crawl;
use listings::program::crawler::fetch::FetchPolicy;
use listings::program::crawler::limits::Limits;
use listings::program::crawler::site::{Site, SiteSpec};
use tokio_util::sync::CancellationToken;

const SCRIPT: &str = "listings/program/crawler/crawl.py";

// ANCHOR: bench
/// The site: a front page linking to 500 pages on 10 hosts, each answering after
/// 5 ms, every page linking back to the front page.
const PAGES: usize = 500;
const HOSTS: usize = 10;
const LATENCY: Duration = Duration::from_millis(5);

/// Requests in flight at most, overall; a tenth of them on any one host.
const AT_ONCE: [usize; 3] = [10, 100, 1_000];

/// A crawler's name, and the command that runs it with a limit on requests at once.
type Crawler<'a> = (String, Box<dyn Fn(usize) -> Command + 'a>);

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--crawl") {
        return crawl_child(&args[2], args[3].parse().unwrap());
    }
    // The site runs in this process, on its own runtime; each crawler is a child
    // process, so that its CPU time and peak memory are its own.
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let site = runtime.block_on(Site::start(SiteSpec::fan_out(PAGES, HOSTS, LATENCY)));
    let start = site.url(0).to_string();
    let this_program = std::env::current_exe().unwrap();
    // The newest CPython found: its asyncio crawler and its thread-pool crawler.
    let pythons = pythons();
    announce(&pythons);
    let mut crawlers: Vec<Crawler> = vec![(
        "Rust: tokio + reqwest".into(),
        Box::new(|at_once| {
            let mut command = Command::new(&this_program);
            command.args(["--crawl", &start, &at_once.to_string()]);
            command
        }),
    )];
    if let Some(python) = pythons.last() {
        for (way, name) in [
            ("asyncio", "asyncio streams"),
            ("threads", "ThreadPoolExecutor + urllib"),
        ] {
            let start = start.clone();
            crawlers.push((
                format!("Python: {name}"),
                Box::new(move |at_once| {
                    let mut command = python.command();
                    let per_host = (at_once / HOSTS).to_string();
                    command.args([SCRIPT, way, &start, &at_once.to_string(), &per_host]);
                    command
                }),
            ));
        }
    }

    let ways: Vec<(usize, usize)> = (0..crawlers.len())
        .flat_map(|crawler| AT_ONCE.iter().map(move |&at_once| (crawler, at_once)))
        .collect();
    let mut reports: Vec<Vec<Report>> = ways.iter().map(|_| Vec::new()).collect();
    let walls = interleaved_timed(ways.len(), |way| {
        let (crawler, at_once) = ways[way];
        let report = run_child(&mut (crawlers[crawler].1)(at_once)).unwrap();
        assert_eq!(
            report.number("pages"),
            Some(PAGES as u64 + 1),
            "every page, once"
        );
        assert_eq!(report.number("broken"), Some(0));
        let wall = report.seconds("wall").unwrap();
        reports[way].push(report);
        wall
    });

    let python = pythons.last().map_or(String::new(), |p| {
        format!("; the Python rows run {}", p.label())
    });
    let title = format!(
        "Crawling {} pages on {HOSTS} hosts, each answering after 5 ms{python}",
        separated(PAGES as u64 + 1)
    );
    let columns = [
        "crawler, requests at once",
        "wall time",
        "pages per second",
        "a fetch: median",
        "a fetch: 99th percentile",
        "CPU time",
        "peak memory",
    ];
    let mut table = Table::new("crawl", title, &columns, METHOD);
    for (way, &(crawler, at_once)) in ways.iter().enumerate() {
        // The first report is the warm-up round's, which is not timed either.
        let runs = &reports[way][1..];
        let each = |name: &str| {
            let seconds = runs.iter().map(|r| r.seconds(name).unwrap().as_secs_f64());
            Samples::new(seconds.collect())
        };
        let pages = (PAGES + 1) as f64;
        let rates = runs
            .iter()
            .map(|r| pages / r.seconds("wall").unwrap().as_secs_f64());
        let peak = Samples::new(
            runs.iter()
                .map(|r| r.number("peak_kib").unwrap() as f64)
                .collect(),
        );
        table.row(&[
            &format!(
                "{}, {} at once ({} per host)",
                crawlers[crawler].0,
                separated(at_once as u64),
                at_once / HOSTS
            ),
            &spread(&walls[way]),
            &per_second(&Samples::new(rates.collect())),
            &spread(&each("p50")),
            &spread(&each("p99")),
            &spread(&each("cpu")),
            &mebibytes(peak.median() as u64 * 1024),
        ]);
    }
    table.print();
    drop(site);
}

/// A rate with its range: `2,150 (1,900–2,300)`.
fn per_second(rates: &Samples) -> String {
    let whole = |rate: f64| separated(rate.round() as u64);
    let (median, low, high) = (rates.median(), rates.fastest(), rates.slowest());
    format!("{} ({}–{})", whole(median), whole(low), whole(high))
}

/// The child: crawls the site from `start` with `at_once` requests in flight at most,
/// and prints what `crawl.py` prints.
fn crawl_child(start: &str, at_once: usize) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let (wall, cpu) = (Instant::now(), ProcessTime::now());
    let limits = Limits {
        global: at_once,
        per_host: at_once / HOSTS,
        // No pacing: the limits on requests in flight are the only ones compared.
        burst: (at_once / HOSTS) as u32,
        every: Duration::from_micros(1),
    };
    let policy = FetchPolicy {
        timeout: Duration::from_secs(2),
        attempts: 3,
        backoff: Duration::from_millis(50),
    };
    let start = start.parse().unwrap();
    let stop = CancellationToken::new();
    let report = runtime.block_on(crawl(start, limits, policy, io::sink(), stop));
    let (wall, cpu) = (wall.elapsed(), cpu.elapsed());
    let mut fetches = report.fetch_times.clone();
    fetches.sort();
    let percentile = |p: usize| fetches[(fetches.len() * p / 100).min(fetches.len() - 1)];
    println!("pages {}", report.visited);
    println!("broken {}", report.broken.len());
    println!("wall {}", wall.as_secs_f64());
    println!("cpu {}", cpu.as_secs_f64());
    println!("p50 {}", percentile(50).as_secs_f64());
    println!("p99 {}", percentile(99).as_secs_f64());
    let status = fs::read_to_string("/proc/self/status").unwrap();
    let peak = status
        .lines()
        .find(|line| line.starts_with("VmHWM"))
        .unwrap();
    println!("peak_kib {}", peak.split_whitespace().nth(1).unwrap());
}
// ANCHOR_END: bench
