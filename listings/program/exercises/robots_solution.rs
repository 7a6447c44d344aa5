#[cfg(not(feature = "library"))]
extern crate listings;
extern crate reqwest;
extern crate tokio;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use reqwest::{Client, Url};
use tokio::sync::OnceCell;
use tokio::task::JoinSet;

use listings::program::crawler::fetch::client;
use listings::program::crawler::site::{PageSpec, Reply, Site, SiteSpec};

// ANCHOR: solution
/// The paths a host's robots.txt asks every crawler to stay out of: the `Disallow`
/// lines of its `User-agent: *` group. A path starting with one of them is off limits.
pub fn disallowed(robots_txt: &str) -> Vec<String> {
    let mut for_everyone = false;
    let mut paths = Vec::new();
    for line in robots_txt.lines() {
        let Some((field, value)) = line.split_once(':') else {
            continue;
        };
        match field.trim().to_ascii_lowercase().as_str() {
            "user-agent" => for_everyone = value.trim() == "*",
            "disallow" if for_everyone && !value.trim().is_empty() => {
                paths.push(value.trim().to_string())
            }
            _ => {}
        }
    }
    paths
}

/// Fetches the rules of the URL's host. A missing robots.txt (a 4xx) allows all; so,
/// to stay simple, does a failing one, although RFC 9309 asks a crawler to assume
/// everything disallowed when robots.txt fails with a 5xx or cannot be reached.
async fn fetch_rules(client: &Client, url: &Url) -> Vec<String> {
    let robots = url.join("/robots.txt").unwrap();
    match client.get(robots).send().await {
        Ok(answer) if answer.status().is_success() => {
            disallowed(&answer.text().await.unwrap_or_default())
        }
        _ => Vec::new(),
    }
}

/// Each host's rules, fetched once however many tasks ask at the same time.
pub struct Robots {
    hosts: Mutex<HashMap<String, Arc<OnceCell<Vec<String>>>>>,
}

impl Robots {
    pub fn new() -> Self {
        Robots {
            hosts: Mutex::new(HashMap::new()),
        }
    }

    /// Whether the URL's host lets crawlers fetch it. The first call for a host
    /// fetches its robots.txt; every other call for that host, at the same time or
    /// later, waits for that one fetch and uses its answer.
    pub async fn allows(&self, client: &Client, url: &Url) -> bool {
        // ANCHOR: answer
        let rules = {
            let mut hosts = self.hosts.lock().unwrap();
            Arc::clone(hosts.entry(url.authority().to_string()).or_default())
        }; // the lock is released here, before any .await
        let disallowed = rules.get_or_init(|| fetch_rules(client, url)).await;
        !disallowed
            .iter()
            .any(|path| url.path().starts_with(path.as_str()))
        // ANCHOR_END: answer
    }
}
// ANCHOR_END: solution

#[tokio::main]
async fn main() {
    let page = |host, reply| PageSpec {
        host,
        links: vec![],
        latency: Duration::from_millis(5),
        reply,
    };
    let spec = SiteSpec {
        hosts: 2,
        host_limit: usize::MAX,
        pages: vec![
            page(0, Reply::Page),
            page(0, Reply::Private),
            page(1, Reply::Page),
        ],
    };
    let site = Arc::new(Site::start(spec).await);
    let robots = Arc::new(Robots::new());
    let client = client();
    // Ten tasks ask about each page at the same time.
    let mut asking = JoinSet::new();
    for page in (0..3).cycle().take(30) {
        let (site, robots, client) = (Arc::clone(&site), Arc::clone(&robots), client.clone());
        asking.spawn(async move { (page, robots.allows(&client, &site.url(page)).await) });
    }
    while let Some(answer) = asking.join_next().await {
        let (page, allowed) = answer.unwrap();
        assert_eq!(allowed, page != 1, "page {page}");
    }
    assert_eq!(
        site.robots_requests(),
        [1, 1],
        "each host's robots.txt fetched once"
    );
}
