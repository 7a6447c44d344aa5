//! Chapter 23: whatever the shape of a site (pages on several hosts, loops, redirects,
//! missing pages, server errors, latencies), the crawler fetches every reachable page
//! once, reports every broken one once, and never exceeds its limits.

mod proptest_cases;

use std::collections::VecDeque;
use std::time::Duration;

use listings::program::crawler::crawl::crawl;
use listings::program::crawler::fetch::FetchPolicy;
use listings::program::crawler::limits::Limits;
use listings::program::crawler::site::{PageSpec, Reply, Site, SiteSpec};
use proptest::collection::vec;
use proptest::prelude::*;
use tokio::time::timeout;
use tokio_util::sync::CancellationToken;

const ATTEMPTS: u32 = 3;

fn reply(pages: usize) -> impl Strategy<Value = Reply> {
    prop_oneof![
        14 => Just(Reply::Page),
        2 => Just(Reply::Status(404)),
        1 => Just(Reply::Status(500)),
        1 => Just(Reply::FailFirst(1)),
        2 => (prop_oneof![Just(301u16), Just(302)], 0..pages).prop_map(|(code, to)| Reply::Redirect(code, to)),
    ]
}

/// Up to 30 pages on 1 to 3 hosts, each linking to up to 4 others (loops included)
/// and answering within 0 to 5 ms.
fn site() -> impl Strategy<Value = SiteSpec> {
    (1usize..=3, 1usize..=30, 1usize..=3).prop_flat_map(|(hosts, pages, host_limit)| {
        let page = (0..hosts, vec(0..pages, 0..4), 0u64..=5, reply(pages)).prop_map(
            |(host, links, latency, reply)| PageSpec {
                host,
                links,
                latency: Duration::from_millis(latency),
                reply,
            },
        );
        vec(page, pages).prop_map(move |pages| SiteSpec {
            hosts,
            host_limit,
            pages,
        })
    })
}

/// The sequential answer: the pages reachable from page 0, breadth first.
fn reachable(spec: &SiteSpec) -> Vec<bool> {
    let mut seen = vec![false; spec.pages.len()];
    let mut queue = VecDeque::from([0]);
    seen[0] = true;
    while let Some(page) = queue.pop_front() {
        let next = match spec.pages[page].reply {
            Reply::Page | Reply::Private | Reply::FailFirst(_) => spec.pages[page].links.clone(),
            Reply::Redirect(_, to) => vec![to],
            Reply::Status(_) | Reply::Hang => vec![],
        };
        for link in next {
            if !seen[link] {
                seen[link] = true;
                queue.push_back(link);
            }
        }
    }
    seen
}

/// How many requests each page should see: none if unreachable, one per attempt.
fn expected_requests(spec: &SiteSpec, reachable: &[bool]) -> Vec<usize> {
    spec.pages
        .iter()
        .zip(reachable)
        .map(|(page, &reached)| match (reached, &page.reply) {
            (false, _) => 0,
            (true, Reply::Status(500)) => ATTEMPTS as usize,
            (true, Reply::FailFirst(n)) => *n as usize + 1,
            (true, _) => 1,
        })
        .collect()
}

proptest! {
    #![proptest_config(proptest_cases::cases(64))]

    #[test]
    fn every_reachable_page_once_every_broken_link_once_within_the_limits(
        spec in site(),
        global in 1usize..=4,
    ) {
        let reached = reachable(&spec);
        let expected = expected_requests(&spec, &reached);
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let (report, site) = runtime.block_on(async {
            let site = Site::start(spec.clone()).await;
            let limits = Limits { global, per_host: spec.host_limit, burst: 100, every: Duration::from_millis(1) };
            let policy = FetchPolicy { timeout: Duration::from_secs(5), attempts: ATTEMPTS, backoff: Duration::from_millis(1) };
            let crawling = crawl(site.url(0), limits, policy, std::io::sink(), CancellationToken::new());
            let report = timeout(Duration::from_secs(10), crawling).await.expect("the crawl ended within 10 s");
            (report, site)
        });
        prop_assert_eq!(site.requests(), expected, "requests per page");
        prop_assert_eq!(report.visited, reached.iter().filter(|&&r| r).count());
        let mut broken: Vec<String> = report.broken.iter().map(|b| b.url.to_string()).collect();
        broken.sort();
        let mut should_be: Vec<String> = (0..spec.pages.len())
            .filter(|&page| reached[page] && matches!(spec.pages[page].reply, Reply::Status(_)))
            .map(|page| site.url(page).to_string())
            .collect();
        should_be.sort();
        prop_assert_eq!(broken, should_be, "each broken page reported once");
        prop_assert_eq!(site.violations(), 0, "most in flight per host: {:?}", site.most_in_flight());
        prop_assert!(site.most_in_flight_overall() <= global);
    }
}
