#[cfg(not(feature = "library"))]
extern crate listings;
extern crate reqwest;
extern crate tokio;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use reqwest::Url;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::timeout;

use listings::toolkit::primitives::token_bucket::TokenBucket;

// ANCHOR: limits
/// How hard the crawler may press: `global` requests in flight in all, `per_host` on
/// any one host, and on each host a burst of `burst` requests, then one per `every`.
#[derive(Clone, Debug)]
pub struct Limits {
    pub global: usize,
    pub per_host: usize,
    pub burst: u32,
    pub every: Duration,
}

/// The limits, shared by every fetch task.
pub struct Politeness {
    limits: Limits,
    global: Arc<Semaphore>,
    hosts: Mutex<HashMap<String, Arc<Host>>>,
}

struct Host {
    permits: Arc<Semaphore>,
    pace: TokenBucket,
}

/// The right to send one request: dropping a permit gives it back.
pub struct Admission {
    pub host: OwnedSemaphorePermit,
    pub global: OwnedSemaphorePermit,
}

impl Politeness {
    pub fn new(limits: Limits) -> Self {
        Politeness {
            global: Arc::new(Semaphore::new(limits.global)),
            hosts: Mutex::new(HashMap::new()),
            limits,
        }
    }

    /// Waits for a place on the URL's host, then for the host's pace, then for a
    /// place overall. Every task takes them in this order, so no two tasks can each
    /// hold what the other waits for.
    pub async fn admit(&self, url: &Url) -> Admission {
        let host = self.host(url);
        let host_permit = Arc::clone(&host.permits).acquire_owned().await.unwrap();
        host.pace.acquire().await;
        let global = Arc::clone(&self.global).acquire_owned().await.unwrap();
        Admission {
            host: host_permit,
            global,
        }
    }

    /// The URL's host (`name:port`), created on first sight.
    fn host(&self, url: &Url) -> Arc<Host> {
        let mut hosts = self.hosts.lock().unwrap(); // never held across an .await
        let host = hosts.entry(url.authority().to_string()).or_insert_with(|| {
            Arc::new(Host {
                permits: Arc::new(Semaphore::new(self.limits.per_host)),
                pace: TokenBucket::new(self.limits.burst, self.limits.every),
            })
        });
        Arc::clone(host)
    }
}
// ANCHOR_END: limits

/// Whether `admit` gets in within a second (of the paused clock).
async fn gets_in(politeness: &Politeness, url: &Url) -> Option<Admission> {
    timeout(Duration::from_secs(1), politeness.admit(url))
        .await
        .ok()
}

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let limits = Limits {
        global: 3,
        per_host: 2,
        burst: 10,
        every: Duration::from_millis(100),
    };
    let politeness = Politeness::new(limits);
    let a = Url::parse("http://127.0.0.1:8001/1").unwrap();
    let b = Url::parse("http://127.0.0.1:8002/1").unwrap();
    let first_a = gets_in(&politeness, &a).await.expect("host a is free");
    let _second_a = gets_in(&politeness, &a)
        .await
        .expect("host a has two places");
    assert!(gets_in(&politeness, &a).await.is_none(), "host a is full");
    let _first_b = gets_in(&politeness, &b).await.expect("host b is free");
    assert!(
        gets_in(&politeness, &b).await.is_none(),
        "three in flight: the global limit"
    );
    drop(first_a);
    assert!(
        gets_in(&politeness, &a).await.is_some(),
        "a place again on a, and overall"
    );
}
