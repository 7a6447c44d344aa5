extern crate axum;
extern crate reqwest;
extern crate tokio;
extern crate tokio_util;

use std::future::Future;
use std::io;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::routing::post;
use tokio::net::{TcpListener, TcpStream};
use tokio::process::Command;
use tokio::signal::unix::{SignalKind, signal};
use tokio::time::interval;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

// ANCHOR: server
/// One line per background job, written when the job ends.
pub type Journal = Arc<Mutex<Vec<String>>>;

/// What every handler can reach.
#[derive(Clone)]
struct Shared {
    stop: CancellationToken,
    jobs: TaskTracker,
    journal: Journal,
}

/// Serves uploads on `listener` until `shutdown` completes. Then it stops accepting
/// connections, lets the requests in flight finish, tells the background jobs to
/// stop, and returns once every job has written its line in `journal`.
pub async fn serve_until(
    listener: TcpListener,
    journal: Journal,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> io::Result<()> {
    let shared = Shared {
        stop: CancellationToken::new(),
        jobs: TaskTracker::new(),
        journal,
    };
    let app = Router::new()
        .route("/upload", post(upload))
        .with_state(shared.clone());
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await?; // the listener is closed and no request is in flight
    shared.stop.cancel(); // every background job: stop soon
    shared.jobs.close(); // `wait` may now return once no job is left
    shared.jobs.wait().await;
    Ok(())
}

/// Answers once the whole body has arrived; the slow part goes on in the background.
async fn upload(State(shared): State<Shared>, body: Bytes) -> String {
    let size = body.len();
    let job = process(body, shared.stop.child_token(), shared.journal);
    shared.jobs.spawn(job);
    format!("{size} bytes")
}

/// Works through an upload a kibibyte at a time until it is done or told to stop, then
/// writes down how far it got.
async fn process(body: Bytes, stop: CancellationToken, journal: Journal) {
    let chunks = body.len().div_ceil(1024);
    let mut pace = interval(Duration::from_millis(10));
    let mut done = 0;
    while done < chunks {
        tokio::select! {
            _ = stop.cancelled() => break,
            _ = pace.tick() => done += 1, // stands in for slow work on one chunk
        }
    }
    journal
        .lock()
        .unwrap()
        .push(format!("{done} of {chunks} chunks"));
}
// ANCHOR_END: server

// ANCHOR: main
#[tokio::main]
async fn main() -> io::Result<()> {
    let listener = TcpListener::bind("127.0.0.1:0").await?; // port 0: any free port
    let address = listener.local_addr()?;
    let journal = Journal::default();
    let shutdown = ctrl_c_or_terminate()?;
    let server = tokio::spawn(serve_until(listener, Arc::clone(&journal), shutdown));

    // A client uploads a mebibyte. `no_proxy`: never send loopback traffic to a proxy
    // named in the environment.
    let client = reqwest::Client::builder().no_proxy().build().unwrap();
    let response = client
        .post(format!("http://{address}/upload"))
        .body(vec![0u8; 1 << 20])
        .send()
        .await
        .unwrap();
    assert_eq!(response.text().await.unwrap(), "1048576 bytes");

    // What `kill <pid>` in a shell does, or a service manager stopping the program.
    let pid = std::process::id().to_string();
    Command::new("kill").args(["-TERM", &pid]).status().await?;

    server.await.unwrap()?;
    assert!(
        TcpStream::connect(address).await.is_err(),
        "the door is closed"
    );
    let journal = journal.lock().unwrap();
    assert_eq!(
        journal.len(),
        1,
        "the job wrote its line before the server returned"
    );
    println!("the background job stopped at {}", journal[0]);
    Ok(())
}

/// Completes on Ctrl-C (SIGINT) or on SIGTERM, the signal that `kill`, systemd or
/// Kubernetes send to ask a program to stop.
fn ctrl_c_or_terminate() -> io::Result<impl Future<Output = ()>> {
    let mut terminate = signal(SignalKind::terminate())?; // caught from this line on
    Ok(async move {
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = terminate.recv() => {}
        }
    })
}
// ANCHOR_END: main
