#[cfg(not(feature = "library"))]
extern crate listings;
extern crate reqwest;
extern crate tokio;

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::time::Duration;

use reqwest::{Client, Url, redirect};
use tokio::time::sleep;

use listings::program::crawler::site::{PageSpec, Reply, Site, SiteSpec};

// ANCHOR: fetch
/// How one URL is fetched: each attempt gets `timeout`, and a 5xx or an attempt
/// without an answer is tried again, up to `attempts` in all, after a pause that
/// doubles from `backoff`.
#[derive(Clone, Debug)]
pub struct FetchPolicy {
    pub timeout: Duration,
    pub attempts: u32,
    pub backoff: Duration,
}

/// What a URL gave, after any retries.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// 2xx: the page's text.
    Page(String),
    /// 3xx: where it points. The crawler visits the target as a link of its own.
    Redirect(u16, Url),
    /// Any other status (404, or a 500 that outlasted the retries).
    Status(u16),
    /// No answer (a timeout, a refused connection) on every attempt.
    Failed(String),
}

/// A client for the crawler: no proxy (every address here is local), and redirects
/// returned instead of followed, so that each hop passes the host's limits.
pub fn client() -> Client {
    Client::builder()
        .no_proxy()
        .redirect(redirect::Policy::none())
        .build()
        .unwrap()
}

pub async fn fetch(client: &Client, url: &Url, policy: &FetchPolicy) -> Outcome {
    let mut attempt = 1;
    loop {
        let outcome = fetch_once(client, url, policy.timeout).await;
        let worth_retrying = match &outcome {
            Outcome::Status(status) => *status >= 500,
            Outcome::Failed(_) => true,
            _ => false,
        };
        if !worth_retrying || attempt == policy.attempts {
            return outcome;
        }
        sleep(backoff(policy.backoff, attempt)).await;
        attempt += 1;
    }
}

async fn fetch_once(client: &Client, url: &Url, timeout: Duration) -> Outcome {
    let response = match client.get(url.clone()).timeout(timeout).send().await {
        Ok(response) => response,
        Err(error) => return Outcome::Failed(describe(&error)),
    };
    let status = response.status();
    if status.is_redirection() {
        let location = response.headers().get("location");
        let target = location.and_then(|to| url.join(to.to_str().ok()?).ok());
        return match target {
            Some(target) => Outcome::Redirect(status.as_u16(), target),
            None => Outcome::Status(status.as_u16()),
        };
    }
    if !status.is_success() {
        return Outcome::Status(status.as_u16());
    }
    match response.text().await {
        Ok(text) => Outcome::Page(text),
        Err(error) => Outcome::Failed(describe(&error)), // the body did not arrive
    }
}

fn describe(error: &reqwest::Error) -> String {
    if error.is_timeout() {
        "timed out".to_string()
    } else {
        error.to_string()
    }
}

/// `base` doubled for each attempt so far, plus up to as much again at random, so
/// that clients that failed together do not all come back together.
fn backoff(base: Duration, attempt: u32) -> Duration {
    let pause = base * 2u32.pow(attempt - 1);
    let random = RandomState::new().hash_one(attempt); // a fresh random key each call
    pause + pause.mul_f64((random % 1000) as f64 / 1000.0)
}
// ANCHOR_END: fetch

#[tokio::main]
async fn main() {
    let page = |reply| PageSpec {
        host: 0,
        links: vec![],
        latency: Duration::ZERO,
        reply,
    };
    let spec = SiteSpec {
        hosts: 1,
        host_limit: 1,
        pages: vec![
            page(Reply::FailFirst(2)),
            page(Reply::Status(500)),
            page(Reply::Hang),
            page(Reply::Redirect(301, 0)),
        ],
    };
    let site = Site::start(spec).await;
    let policy = FetchPolicy {
        timeout: Duration::from_millis(200),
        attempts: 3,
        backoff: Duration::from_millis(10),
    };
    let client = client();
    let flaky = fetch(&client, &site.url(0), &policy).await;
    assert!(
        matches!(flaky, Outcome::Page(_)),
        "two 500s, then the page: {flaky:?}"
    );
    assert_eq!(
        fetch(&client, &site.url(1), &policy).await,
        Outcome::Status(500)
    );
    let hang = fetch(&client, &site.url(2), &policy).await;
    assert!(
        matches!(hang, Outcome::Failed(_)),
        "three timeouts: {hang:?}"
    );
    let moved = fetch(&client, &site.url(3), &policy).await;
    assert_eq!(moved, Outcome::Redirect(301, site.url(0)));
    assert_eq!(
        site.requests(),
        [3, 3, 3, 1],
        "three attempts at most, one redirect"
    );
}
