#[cfg(not(feature = "library"))]
extern crate listings;
extern crate reqwest;
extern crate tokio;
extern crate tokio_util;

use std::collections::HashSet;
use std::io::Write;
use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::{Client, Url};
use tokio::sync::mpsc;
use tokio::task::JoinSet;
use tokio::time::{MissedTickBehavior, interval};
use tokio_util::sync::CancellationToken;

use listings::program::crawler::fetch::{FetchPolicy, Outcome, client, fetch};
use listings::program::crawler::limits::{Limits, Politeness};
use listings::program::crawler::parse::{ParseJob, links_of, start_parser};
use listings::program::crawler::site::{PageSpec, Reply, Site, SiteSpec};
use listings::program::crawler::writer::{PageRecord, start_writer};

// ANCHOR: report
/// What a crawl found.
#[derive(Debug, Default)]
pub struct Report {
    /// URLs fetched (each once), whatever they answered.
    pub visited: usize,
    /// Every URL that answered 4xx or 5xx, or nothing, with the page that linked to
    /// it first.
    pub broken: Vec<Broken>,
    /// Lines in the output file.
    pub written: usize,
    /// Whether the crawl was stopped before it ran out of links.
    pub cancelled: bool,
    /// How long each fetch took once admitted, retries included.
    pub fetch_times: Vec<Duration>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Broken {
    pub url: Url,
    pub problem: String,
    pub linked_from: Option<Url>,
}
// ANCHOR_END: report

// ANCHOR: visit
/// What every fetch task shares.
struct Crawler {
    client: Client,
    politeness: Politeness,
    policy: FetchPolicy,
    parser: mpsc::Sender<ParseJob>,
}

/// One URL, fetched and parsed.
struct Visit {
    url: Url,
    linked_from: Option<Url>,
    outcome: Outcome,
    took: Duration,
    links: Vec<Url>,
}

/// The work of one task: wait for the limits, fetch, give the host's place back,
/// then parse (still holding a place overall, so that a parser that falls behind
/// slows the fetching down).
async fn visit(crawler: Arc<Crawler>, url: Url, linked_from: Option<Url>) -> Visit {
    let admission = crawler.politeness.admit(&url).await;
    let started = Instant::now();
    let outcome = fetch(&crawler.client, &url, &crawler.policy).await;
    let took = started.elapsed();
    drop(admission.host);
    let links = match &outcome {
        Outcome::Page(html) => links_of(&crawler.parser, url.clone(), html.clone()).await,
        Outcome::Redirect(_, target) => vec![target.clone()],
        Outcome::Status(_) | Outcome::Failed(_) => Vec::new(),
    };
    drop(admission.global);
    Visit {
        url,
        linked_from,
        outcome,
        took,
        links,
    }
}
// ANCHOR_END: visit

// ANCHOR: crawl
/// Crawls every page reachable from `start`, writing one JSON line per page to `out`,
/// until no link is left or `stop` is cancelled.
pub async fn crawl(
    start: Url,
    limits: Limits,
    policy: FetchPolicy,
    out: impl Write + Send + 'static,
    stop: CancellationToken,
) -> Report {
    let crawler = Arc::new(Crawler {
        client: client(),
        politeness: Politeness::new(limits),
        policy,
        parser: start_parser(16),
    });
    let (records, writer) = start_writer(out);
    let mut report = Report::default();
    let mut seen = HashSet::new(); // every URL ever queued: each is fetched once
    let mut tasks = JoinSet::new();
    let mut progress = interval(Duration::from_millis(250));
    progress.set_missed_tick_behavior(MissedTickBehavior::Skip);

    let mut start = start;
    start.set_fragment(None);
    seen.insert(start.clone());
    tasks.spawn(visit(Arc::clone(&crawler), start, None));
    loop {
        tokio::select! {
            biased;
            () = stop.cancelled() => {
                report.cancelled = true;
                break;
            }
            finished = tasks.join_next() => {
                let Some(finished) = finished else { break }; // no task left: done
                let page = finished.expect("a visit does not panic");
                for link in &page.links {
                    if seen.insert(link.clone()) {
                        let from = Some(page.url.clone());
                        tasks.spawn(visit(Arc::clone(&crawler), link.clone(), from));
                    }
                }
                let record = report.add(&page);
                records.send(record).await.expect("the writer runs until we close it");
            }
            _ = progress.tick() => eprintln!(
                "{} pages done, {} queued or in flight, {} broken",
                report.visited, tasks.len(), report.broken.len()
            ),
        }
    }
    tasks.shutdown().await; // every fetch still running is dropped, its request abandoned
    drop(records); // the writer sees the channel close, flushes and ends
    report.written = writer.await.unwrap().expect("the output file is writable");
    report
}
// ANCHOR_END: crawl

impl Report {
    /// Counts a visited page, and returns its line for the output file.
    fn add(&mut self, page: &Visit) -> PageRecord {
        self.visited += 1;
        self.fetch_times.push(page.took);
        let outcome = match &page.outcome {
            Outcome::Page(_) => "200".to_string(),
            Outcome::Redirect(status, target) => format!("{status} to {target}"),
            Outcome::Status(status) => status.to_string(),
            Outcome::Failed(error) => format!("no answer: {error}"),
        };
        if let Outcome::Status(_) | Outcome::Failed(_) = page.outcome {
            self.broken.push(Broken {
                url: page.url.clone(),
                problem: outcome.clone(),
                linked_from: page.linked_from.clone(),
            });
        }
        PageRecord {
            url: page.url.to_string(),
            outcome,
            links: page.links.len(),
            linked_from: page.linked_from.as_ref().map(Url::to_string),
        }
    }
}

#[tokio::main]
async fn main() {
    // A small site on two hosts: a loop (0 -> 1 -> 0), a missing page, a page that
    // fails once, a redirect to another host, and a page that never answers.
    let page = |host, links: &[usize], reply| PageSpec {
        host,
        links: links.to_vec(),
        latency: Duration::from_millis(5),
        reply,
    };
    let spec = SiteSpec {
        hosts: 2,
        host_limit: 2,
        pages: vec![
            page(0, &[1, 2, 3, 4, 5], Reply::Page),
            page(0, &[0, 2], Reply::Page),
            page(0, &[], Reply::Status(404)),
            page(0, &[1], Reply::FailFirst(1)),
            page(0, &[], Reply::Redirect(302, 6)),
            page(1, &[], Reply::Hang),
            page(1, &[0], Reply::Page),
        ],
    };
    let site = Site::start(spec).await;
    let limits = Limits {
        global: 3,
        per_host: 2,
        burst: 5,
        every: Duration::from_millis(10),
    };
    let policy = FetchPolicy {
        timeout: Duration::from_millis(500),
        attempts: 2,
        backoff: Duration::from_millis(20),
    };
    let stop = CancellationToken::new();
    let on_ctrl_c = stop.clone();
    tokio::spawn(async move {
        tokio::signal::ctrl_c().await.unwrap();
        on_ctrl_c.cancel(); // Ctrl-C: stop cleanly, with the output flushed
    });
    let output = std::env::temp_dir().join(format!("crawl-{}.jsonl", std::process::id()));
    let out = std::fs::File::create(&output).unwrap();
    let report = crawl(site.url(0), limits, policy, out, stop).await;
    let lines = std::fs::read_to_string(&output).unwrap().lines().count();
    std::fs::remove_file(&output).unwrap();
    for broken in &report.broken {
        let from = broken
            .linked_from
            .as_ref()
            .map_or("the start".into(), Url::to_string);
        println!(
            "broken: {} ({}), linked from {from}",
            broken.url, broken.problem
        );
    }

    assert_eq!(report.visited, 7, "every page once");
    assert_eq!(
        (report.written, lines),
        (7, 7),
        "one line per page, all flushed"
    );
    assert_eq!(
        site.requests(),
        [1, 1, 1, 2, 1, 2, 1],
        "retries: the 500 and the hang"
    );
    let broken: Vec<_> = report.broken.iter().map(|b| b.url.clone()).collect();
    assert_eq!(broken.len(), 2);
    assert!(broken.contains(&site.url(2)) && broken.contains(&site.url(5)));
    assert_eq!(
        site.violations(),
        0,
        "never more than 2 requests at once on a host"
    );
    assert!(site.most_in_flight_overall() <= 3);
}
