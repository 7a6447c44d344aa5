#[cfg(not(feature = "library"))]
extern crate listings;
extern crate rayon;
extern crate reqwest;
extern crate scraper;
extern crate tokio;

use rayon::prelude::*;
use reqwest::Url;
use scraper::{Html, Selector};
use tokio::sync::{mpsc, oneshot};

use listings::async_rust::blocking::offload::on_rayon;

// ANCHOR: extract
/// The links of a page: every `<a href>`, made absolute against the page's URL,
/// http or https only, without the `#fragment` (the same page as far as a server
/// is concerned).
pub fn extract_links(page: &Url, html: &str) -> Vec<Url> {
    let anchors = Selector::parse("a[href]").unwrap();
    Html::parse_document(html)
        .select(&anchors)
        .filter_map(|anchor| page.join(anchor.attr("href")?).ok())
        .filter(|link| matches!(link.scheme(), "http" | "https"))
        .map(|mut link| {
            link.set_fragment(None);
            link
        })
        .collect()
}
// ANCHOR_END: extract

// ANCHOR: parser
/// A page to parse, and where to send its links.
pub struct ParseJob {
    pub page: Url,
    pub html: String,
    pub links: oneshot::Sender<Vec<Url>>,
}

/// Starts the parser: a task that takes the jobs waiting in a channel of `capacity`
/// places, parses them in parallel on rayon's pool, and comes back for more. A
/// sender finds the channel full when parsing falls behind, and waits.
pub fn start_parser(capacity: usize) -> mpsc::Sender<ParseJob> {
    let (jobs, mut waiting) = mpsc::channel::<ParseJob>(capacity);
    tokio::spawn(async move {
        let mut batch = Vec::new();
        while waiting.recv_many(&mut batch, capacity).await > 0 {
            let parsing = std::mem::take(&mut batch);
            on_rayon(move || {
                parsing.into_par_iter().for_each(|job| {
                    let links = extract_links(&job.page, &job.html);
                    let _ = job.links.send(links); // its fetch task may be gone
                });
            })
            .await;
        }
    });
    jobs
}

/// Hands a page to the parser and waits for its links.
pub async fn links_of(parser: &mpsc::Sender<ParseJob>, page: Url, html: String) -> Vec<Url> {
    let (links, answer) = oneshot::channel();
    let job = ParseJob { page, html, links };
    parser
        .send(job)
        .await
        .expect("the parser runs as long as a sender exists");
    answer.await.expect("the parser answers every job")
}
// ANCHOR_END: parser

#[tokio::main]
async fn main() {
    let page = Url::parse("http://127.0.0.1:8001/docs/index.html").unwrap();
    let html = r##"<a href="intro.html#start">intro</a> <a href="#top">top</a>
        <a href="/about">about</a> <a href="http://127.0.0.1:8002/">other host</a>
        <a href="mailto:someone@example.com">mail</a> <a name="no-href">anchor</a>"##;
    let expected = [
        "http://127.0.0.1:8001/docs/intro.html",
        "http://127.0.0.1:8001/docs/index.html",
        "http://127.0.0.1:8001/about",
        "http://127.0.0.1:8002/",
    ];
    let found = extract_links(&page, html);
    assert_eq!(found.iter().map(Url::as_str).collect::<Vec<_>>(), expected);

    // The same through the parser, eight pages at a time at most in its channel.
    let parser = start_parser(8);
    let mut parses = tokio::task::JoinSet::new();
    for _ in 0..20 {
        let parser = parser.clone();
        let (page, html) = (page.clone(), html.to_string());
        parses.spawn(async move { links_of(&parser, page, html).await });
    }
    while let Some(links) = parses.join_next().await {
        assert_eq!(links.unwrap(), found);
    }
}
