//! Chapter 23 on real sockets of 127.0.0.1: fixed sites, each crawled once. A
//! deadline only turns a hang into a failure that names what hung.

mod pythons;

use std::future::Future;
use std::time::Duration;

use listings::program::crawler::crawl::{Report, crawl};
use listings::program::crawler::fetch::FetchPolicy;
use listings::program::crawler::limits::Limits;
use listings::program::crawler::site::{PageSpec, Reply, Site, SiteSpec};
use listings::program::crawler::unbounded::check_links;
use pythons::pythons_found;
use tokio::time::{sleep, timeout};
use tokio_util::sync::CancellationToken;

/// Awaits `future`, or fails naming `what` if it is still running after 10 s.
async fn within<F: Future>(what: &str, future: F) -> F::Output {
    timeout(Duration::from_secs(10), future)
        .await
        .unwrap_or_else(|_| panic!("{what}: still running after 10 s"))
}

fn page(host: usize, links: &[usize], reply: Reply) -> PageSpec {
    PageSpec {
        host,
        links: links.to_vec(),
        latency: Duration::from_millis(1),
        reply,
    }
}

fn limits() -> Limits {
    Limits {
        global: 4,
        per_host: 2,
        burst: 100,
        every: Duration::from_millis(1),
    }
}

fn policy(timeout: Duration) -> FetchPolicy {
    FetchPolicy {
        timeout,
        attempts: 3,
        backoff: Duration::from_millis(1),
    }
}

/// Crawls the site from page 0 and returns the report and the output's lines.
async fn crawl_site(
    site: &Site,
    policy: FetchPolicy,
    stop: CancellationToken,
) -> (Report, Vec<serde_json::Value>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crawl.jsonl");
    let out = std::fs::File::create(&path).unwrap();
    let report = within("the crawl", crawl(site.url(0), limits(), policy, out, stop)).await;
    let text = std::fs::read_to_string(&path).unwrap();
    let lines = text
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    (report, lines)
}

/// [`crawl_site`] until no link is left, each attempt given `timeout`.
async fn crawl_to_the_end(site: &Site, timeout: Duration) -> (Report, Vec<serde_json::Value>) {
    crawl_site(site, policy(timeout), CancellationToken::new()).await
}

#[tokio::test]
async fn a_loop_across_hosts_is_visited_once() {
    // 0 -> 1 -> 2 -> 0, with 2 on another host, and 3 a redirect back to 1.
    let spec = SiteSpec {
        hosts: 2,
        host_limit: 2,
        pages: vec![
            page(0, &[1, 3], Reply::Page),
            page(0, &[2, 1], Reply::Page),
            page(1, &[0, 1, 2], Reply::Page),
            page(0, &[], Reply::Redirect(301, 1)),
        ],
    };
    let site = Site::start(spec).await;
    let (report, lines) = crawl_to_the_end(&site, Duration::from_secs(5)).await;
    assert_eq!(site.requests(), [1, 1, 1, 1], "each page fetched once");
    assert_eq!((report.visited, report.written, lines.len()), (4, 4, 4));
    assert_eq!(report.broken, []);
    assert_eq!(site.violations(), 0);
}

#[tokio::test]
async fn a_page_that_never_answers_times_out_and_is_reported_once() {
    let spec = SiteSpec {
        hosts: 1,
        host_limit: 2,
        pages: vec![
            page(0, &[1, 2], Reply::Page),
            page(0, &[], Reply::Hang),
            page(0, &[1], Reply::Page),
        ],
    };
    let site = Site::start(spec).await;
    let (report, _) = crawl_to_the_end(&site, Duration::from_millis(100)).await;
    assert_eq!(
        site.requests(),
        [1, 3, 1],
        "three attempts at the page that hangs"
    );
    assert_eq!(report.broken.len(), 1, "{:?}", report.broken);
    assert_eq!(report.broken[0].url, site.url(1));
    assert_eq!(report.broken[0].problem, "no answer: timed out");
    assert_eq!(report.broken[0].linked_from, Some(site.url(0)));
}

#[tokio::test]
async fn a_page_that_fails_twice_is_retried_and_succeeds() {
    let spec = SiteSpec {
        hosts: 1,
        host_limit: 2,
        pages: vec![
            page(0, &[1], Reply::Page),
            page(0, &[2], Reply::FailFirst(2)),
            page(0, &[], Reply::Status(404)),
        ],
    };
    let site = Site::start(spec).await;
    let (report, _) = crawl_to_the_end(&site, Duration::from_secs(5)).await;
    assert_eq!(
        site.requests(),
        [1, 3, 1],
        "two 500s, then the page; a 404 is not retried"
    );
    let broken: Vec<_> = report
        .broken
        .iter()
        .map(|b| (b.url.clone(), b.problem.as_str()))
        .collect();
    assert_eq!(
        broken,
        [(site.url(2), "404")],
        "page 1 succeeded, so its link was found"
    );
}

#[tokio::test]
async fn cancelling_stops_the_crawl_and_flushes_the_writer() {
    // Page 1 never answers, and the crawler would wait an hour for it.
    let spec = SiteSpec {
        hosts: 1,
        host_limit: 2,
        pages: vec![
            page(0, &[1, 2], Reply::Page),
            page(0, &[], Reply::Hang),
            page(0, &[], Reply::Page),
        ],
    };
    let site = Site::start(spec).await;
    let stop = CancellationToken::new();
    let cancel = stop.clone();
    let requests = async {
        while site.requests()[1] == 0 {
            sleep(Duration::from_millis(1)).await;
        }
        cancel.cancel();
    };
    let crawling = crawl_site(&site, policy(Duration::from_secs(3600)), stop);
    let ((report, lines), ()) = tokio::join!(crawling, within("the request to page 1", requests));
    assert!(report.cancelled);
    assert_eq!(
        report.written, report.visited,
        "every page visited has its line"
    );
    assert_eq!(
        lines.len(),
        report.visited,
        "and the lines reached the file"
    );
    assert!(
        lines.iter().all(|line| line["url"] != site.url(1).as_str()),
        "page 1 never finished"
    );
}

#[tokio::test]
async fn checking_every_link_at_once_exceeds_the_host_limit() {
    let mut spec = SiteSpec::fan_out(20, 1, Duration::from_millis(50));
    spec.host_limit = 2;
    let site = Site::start(spec).await;
    let client = reqwest::Client::builder().no_proxy().build().unwrap();
    within("the unbounded check", check_links(&client, site.url(0))).await;
    assert!(
        site.violations() > 0,
        "more than 2 requests at once on one host"
    );
}

#[tokio::test]
async fn the_crawler_keeps_to_the_host_limit() {
    let mut spec = SiteSpec::fan_out(20, 1, Duration::from_millis(50));
    spec.host_limit = 2;
    let site = Site::start(spec).await;
    let (report, _) = crawl_to_the_end(&site, Duration::from_secs(5)).await;
    assert_eq!(report.visited, 21);
    assert_eq!(
        site.violations(),
        0,
        "at most {} at once",
        site.most_in_flight()[0]
    );
}

#[tokio::test]
async fn the_python_crawlers_fetch_every_page_once_and_report_the_broken_link() {
    // Three pages on host 1, answering slowly enough to overlap if the crawler let
    // them: it may have one at a time there.
    let slow = |host, links: &[usize], reply| PageSpec {
        latency: Duration::from_millis(20),
        ..page(host, links, reply)
    };
    let spec = SiteSpec {
        hosts: 2,
        host_limit: 1,
        pages: vec![
            slow(0, &[1, 2, 3], Reply::Page),
            slow(1, &[0], Reply::Page),
            slow(1, &[], Reply::Status(404)),
            slow(1, &[], Reply::Redirect(302, 1)),
        ],
    };
    let site = Site::start(spec).await;
    // The newest CPython, as Chapter 23's benchmark runs it.
    let Some(python) = pythons_found("crawl.py").pop() else {
        return;
    };
    for way in ["asyncio", "threads"] {
        let mut command = python.command();
        let start = site.url(0);
        command.args([
            "listings/program/crawler/crawl.py",
            way,
            start.as_str(),
            "4",
            "1",
        ]);
        let mut command = tokio::process::Command::from(command);
        // A crawler that never ends is killed with the test's deadline.
        let output = within(way, command.kill_on_drop(true).output())
            .await
            .unwrap();
        let printed = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{way}: {stderr}");
        assert!(printed.contains("pages 4\nbroken 1\n"), "{way}: {printed}");
    }
    assert_eq!(site.requests(), [2, 2, 2, 2], "each page once per crawler");
    assert_eq!(site.violations(), 0, "one request at a time on a host");
}
