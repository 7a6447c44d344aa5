extern crate futures;
#[cfg(not(feature = "library"))]
extern crate listings;
extern crate reqwest;
extern crate tokio;

use std::time::Duration;

use futures::future::join_all;
use reqwest::{Client, Url};

use listings::program::crawler::parse::extract_links;
use listings::program::crawler::site::{Site, SiteSpec};

// ANCHOR: unbounded
/// A first link checker: fetch a page, then every page it links to, all at once.
pub async fn check_links(client: &Client, page: Url) -> Vec<(Url, u16)> {
    let html = client
        .get(page.clone())
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let links = extract_links(&page, &html); // parsing, on an async worker
    let checks = links.into_iter().map(|link| async move {
        let status = client.get(link.clone()).send().await.unwrap().status();
        (link, status.as_u16())
    });
    join_all(checks).await
}
// ANCHOR_END: unbounded

#[tokio::main]
async fn main() {
    // One host that asks for at most 2 requests at a time, and 20 pages that each
    // take 50 ms to answer.
    let mut spec = SiteSpec::fan_out(20, 1, Duration::from_millis(50));
    spec.host_limit = 2;
    let site = Site::start(spec).await;
    let client = Client::builder().no_proxy().build().unwrap();
    let checked = check_links(&client, site.url(0)).await;
    assert_eq!(checked.len(), 21, "its 20 links, and its link to itself");
    assert!(checked.iter().all(|(_, status)| *status == 200));
    println!(
        "at most {} requests at once on one host",
        site.most_in_flight()[0]
    );
    assert!(
        site.violations() > 0,
        "more than 2 requests at once on one host"
    );
}
