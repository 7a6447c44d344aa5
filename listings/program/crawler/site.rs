extern crate axum;
extern crate reqwest;
extern crate tokio;
extern crate tokio_util;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, Uri, header};
use axum::response::{Html, IntoResponse, Response};
use reqwest::Url;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

// ANCHOR: spec
/// What a page answers.
#[derive(Clone, Debug)]
pub enum Reply {
    /// 200 and the page, with its links.
    Page,
    /// This status (404, 500, ...) every time.
    Status(u16),
    /// 500 for the first `n` requests, then 200 and the page.
    FailFirst(u32),
    /// A redirect (301 or 302) to another page.
    Redirect(u16, usize),
    /// Never answers: holds the request until the site shuts down.
    Hang,
    /// 200 and the page, but the host's `/robots.txt` asks crawlers to stay out.
    Private,
}

/// One page of the site: on which host it lives, what it links to, how long the
/// server takes to answer, and what it answers.
#[derive(Clone, Debug)]
pub struct PageSpec {
    pub host: usize,
    pub links: Vec<usize>,
    pub latency: Duration,
    pub reply: Reply,
}

/// A site of `hosts` hosts, each on its own port of 127.0.0.1. A host records a
/// violation whenever more than `host_limit` requests are in flight on it at once.
#[derive(Clone, Debug)]
pub struct SiteSpec {
    pub hosts: usize,
    pub host_limit: usize,
    pub pages: Vec<PageSpec>,
}
// ANCHOR_END: spec

impl SiteSpec {
    /// A front page on host 0 that links to `pages` pages spread over `hosts` hosts,
    /// each answering after `latency`.
    pub fn fan_out(pages: usize, hosts: usize, latency: Duration) -> SiteSpec {
        let page = |host, links| PageSpec {
            host,
            links,
            latency,
            reply: Reply::Page,
        };
        let mut all = vec![page(0, (1..=pages).collect())];
        all.extend((1..=pages).map(|i| page(i % hosts, vec![0])));
        SiteSpec {
            hosts,
            host_limit: usize::MAX,
            pages: all,
        }
    }
}

/// Requests counted by the server.
#[derive(Default)]
struct Counts {
    per_page: Vec<usize>,
    per_host: Vec<usize>,
    robots: Vec<usize>,
    in_flight: Vec<usize>,
    most_in_flight: Vec<usize>,
    in_flight_overall: usize,
    most_in_flight_overall: usize,
    violations: usize,
}

struct Shared {
    spec: SiteSpec,
    addresses: Vec<String>,
    counts: Mutex<Counts>,
    shutdown: CancellationToken,
}

/// A running site. Dropping it shuts every host down.
pub struct Site {
    shared: Arc<Shared>,
}

// ANCHOR: serve
impl Site {
    /// Binds one listener per host on 127.0.0.1, port 0 (the system picks a free
    /// port), and serves the pages from tasks of the current runtime.
    pub async fn start(spec: SiteSpec) -> Site {
        let mut listeners = Vec::new();
        for _ in 0..spec.hosts {
            listeners.push(TcpListener::bind("127.0.0.1:0").await.unwrap());
        }
        let addresses = listeners
            .iter()
            .map(|listener| listener.local_addr().unwrap().to_string())
            .collect();
        let counts = Counts {
            per_page: vec![0; spec.pages.len()],
            per_host: vec![0; spec.hosts],
            robots: vec![0; spec.hosts],
            in_flight: vec![0; spec.hosts],
            most_in_flight: vec![0; spec.hosts],
            ..Counts::default()
        };
        let shared = Arc::new(Shared {
            spec,
            addresses,
            counts: Mutex::new(counts),
            shutdown: CancellationToken::new(),
        });
        for (host, listener) in listeners.into_iter().enumerate() {
            let app = Router::new()
                .fallback(answer)
                .with_state((Arc::clone(&shared), host));
            let stop = shared.shutdown.clone().cancelled_owned();
            tokio::spawn(async move {
                axum::serve(listener, app)
                    .with_graceful_shutdown(stop)
                    .await
                    .unwrap()
            });
        }
        Site { shared }
    }
}

/// Answers a request for `/<page>` on one host.
async fn answer(State((site, host)): State<(Arc<Shared>, usize)>, uri: Uri) -> Response {
    if uri.path() == "/robots.txt" {
        return site.robots(host).into_response();
    }
    let found = uri.path()[1..].parse::<usize>().ok();
    let Some(page) =
        found.filter(|&page| site.spec.pages.get(page).is_some_and(|p| p.host == host))
    else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let spec = &site.spec.pages[page];
    let nth = site.count_request(page, host);
    if let Reply::Hang = spec.reply {
        // Not counted as in flight: the server learns that the client gave up only
        // when it notices the closed connection.
        site.shutdown.cancelled().await;
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    }
    let _in_flight = InFlight::enter(&site, host);
    tokio::time::sleep(spec.latency).await;
    match spec.reply {
        Reply::Status(code) => StatusCode::from_u16(code).unwrap().into_response(),
        Reply::FailFirst(n) if nth <= n as usize => {
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
        Reply::Redirect(code, to) => {
            let code = StatusCode::from_u16(code).unwrap();
            (code, [(header::LOCATION, site.url(to).to_string())]).into_response()
        }
        _ => Html(site.render(page)).into_response(),
    }
}
// ANCHOR_END: serve

impl Shared {
    fn url(&self, page: usize) -> Url {
        let host = &self.addresses[self.spec.pages[page].host];
        Url::parse(&format!("http://{host}/{page}")).unwrap()
    }

    /// The page's HTML: a link to itself by fragment, then its links, relative on
    /// the same host and absolute to another.
    fn render(&self, page: usize) -> String {
        let host = self.spec.pages[page].host;
        let mut html = format!("<html><body id=\"top\"><h1>Page {page}</h1>");
        html.push_str("<a href=\"#top\">top</a>");
        for &link in &self.spec.pages[page].links {
            let href = if self.spec.pages[link].host == host {
                format!("/{link}")
            } else {
                self.url(link).to_string()
            };
            html.push_str(&format!("<a href=\"{href}\">page {link}</a>"));
        }
        html.push_str("</body></html>");
        html
    }

    /// Counts a request for the host's robots.txt, and returns it: a `Disallow` line
    /// for each of the host's private pages.
    fn robots(&self, host: usize) -> String {
        self.counts.lock().unwrap().robots[host] += 1;
        let mut text = String::from("User-agent: *\n");
        for (page, spec) in self.spec.pages.iter().enumerate() {
            if spec.host == host && matches!(spec.reply, Reply::Private) {
                text.push_str(&format!("Disallow: /{page}\n"));
            }
        }
        text
    }

    /// Counts a request and returns how many this page has had, this one included.
    fn count_request(&self, page: usize, host: usize) -> usize {
        let mut counts = self.counts.lock().unwrap();
        counts.per_page[page] += 1;
        counts.per_host[host] += 1;
        counts.per_page[page]
    }
}

/// One request in flight on a host, from the handler's start until it returns or
/// is dropped.
struct InFlight<'a> {
    site: &'a Shared,
    host: usize,
}

impl<'a> InFlight<'a> {
    fn enter(site: &'a Shared, host: usize) -> Self {
        let mut counts = site.counts.lock().unwrap();
        counts.in_flight[host] += 1;
        counts.most_in_flight[host] = counts.most_in_flight[host].max(counts.in_flight[host]);
        counts.in_flight_overall += 1;
        counts.most_in_flight_overall = counts.most_in_flight_overall.max(counts.in_flight_overall);
        if counts.in_flight[host] > site.spec.host_limit {
            counts.violations += 1;
        }
        InFlight { site, host }
    }
}

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        let mut counts = self.site.counts.lock().unwrap();
        counts.in_flight[self.host] -= 1;
        counts.in_flight_overall -= 1;
    }
}

impl Site {
    /// The address of a page, `http://127.0.0.1:<port of its host>/<page>`.
    pub fn url(&self, page: usize) -> Url {
        self.shared.url(page)
    }

    /// How many requests reached each page.
    pub fn requests(&self) -> Vec<usize> {
        self.shared.counts.lock().unwrap().per_page.clone()
    }

    /// How many requests reached each host.
    pub fn host_requests(&self) -> Vec<usize> {
        self.shared.counts.lock().unwrap().per_host.clone()
    }

    /// How many requests reached each host's `/robots.txt`.
    pub fn robots_requests(&self) -> Vec<usize> {
        self.shared.counts.lock().unwrap().robots.clone()
    }

    /// The most requests each host had in flight at once.
    pub fn most_in_flight(&self) -> Vec<usize> {
        self.shared.counts.lock().unwrap().most_in_flight.clone()
    }

    /// The most requests in flight at once over all hosts.
    pub fn most_in_flight_overall(&self) -> usize {
        self.shared.counts.lock().unwrap().most_in_flight_overall
    }

    /// How many times a host had more than `host_limit` requests in flight.
    pub fn violations(&self) -> usize {
        self.shared.counts.lock().unwrap().violations
    }
}

impl Drop for Site {
    fn drop(&mut self) {
        self.shared.shutdown.cancel();
    }
}

#[tokio::main]
async fn main() {
    let spec = SiteSpec {
        hosts: 2,
        host_limit: 1,
        pages: vec![
            PageSpec {
                host: 0,
                links: vec![1, 2],
                latency: Duration::ZERO,
                reply: Reply::Page,
            },
            PageSpec {
                host: 1,
                links: vec![0],
                latency: Duration::ZERO,
                reply: Reply::Page,
            },
            PageSpec {
                host: 0,
                links: vec![],
                latency: Duration::ZERO,
                reply: Reply::Status(404),
            },
        ],
    };
    let site = Site::start(spec).await;
    let client = reqwest::Client::builder().no_proxy().build().unwrap();
    let front = client.get(site.url(0)).send().await.unwrap();
    assert_eq!(front.status(), 200);
    let html = front.text().await.unwrap();
    assert!(html.contains("href=\"/2\""), "same host: a relative link");
    assert!(
        html.contains(&format!("href=\"{}\"", site.url(1))),
        "another host: absolute"
    );
    let missing = client.get(site.url(2)).send().await.unwrap();
    assert_eq!(missing.status(), 404);
    assert_eq!(site.requests(), [1, 0, 1]);
    assert_eq!(site.host_requests(), [2, 0]);
    assert_eq!(site.violations(), 0);
}
