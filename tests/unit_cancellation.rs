//! Chapter 15 on tokio's paused clock: cancellation points, shutdown, and the lost
//! half-frame; and a real server on the loopback interface, shut down while an upload
//! is in flight, with every wait under a deadline.

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use listings::async_rust::cancellation::drop_cancels::{Log, two_steps};
use listings::async_rust::cancellation::graceful_server::{Journal, serve_until};
use listings::async_rust::cancellation::graceful_shutdown::run_then_shut_down;
use listings::async_rust::cancellation::{buffered_frames, lossy_frames};
use tokio::sync::{mpsc, oneshot};
use tokio::time::{sleep, timeout};

/// Sends `values`, waiting `gap` after each; the channel closes after the last.
fn send_spaced(values: Vec<u32>, gap: Duration) -> mpsc::Receiver<u32> {
    let (sender, receiver) = mpsc::channel(values.len().max(1));
    tokio::spawn(async move {
        for value in values {
            sender.send(value).await.unwrap();
            sleep(gap).await;
        }
    });
    receiver
}

// ANCHOR: loss
#[tokio::test(start_paused = true)]
async fn a_heartbeat_between_two_halves_loses_the_first() {
    // Values every 150 ms, heartbeats every 100 ms: each heartbeat fires while
    // `read_frame` holds a value it has just read and waits for the next one.
    let values = send_spaced(vec![1, 2, 3, 4, 5, 6], Duration::from_millis(150));
    let frames = lossy_frames::collect_frames(values, Duration::from_millis(100)).await;
    assert_eq!(frames, [], "all six values were dropped as first halves");

    let values = send_spaced(vec![1, 2, 3, 4, 5, 6], Duration::from_millis(150));
    let frames = buffered_frames::collect_frames(values, Duration::from_millis(100)).await;
    assert_eq!(frames, [(1, 2), (3, 4), (5, 6)]);
}
// ANCHOR_END: loss

#[tokio::test(start_paused = true)]
async fn timeout_cancels_at_the_await_and_still_runs_drop() {
    let log = Log::default();
    assert!(
        timeout(Duration::from_secs(1), two_steps(Arc::clone(&log)))
            .await
            .is_err()
    );
    sleep(Duration::from_secs(10)).await;
    assert_eq!(
        *log.lock().unwrap(),
        ["step 1", "lease released"],
        "step 2 never ran"
    );
}

#[tokio::test(start_paused = true)]
async fn shutdown_stops_every_worker_and_each_flushes() {
    let (work, flushed) = run_then_shut_down(4, Duration::from_millis(1_050)).await;
    assert_eq!(flushed, [0, 1, 2, 3]);
    assert_eq!(work, [11, 11, 11, 11]); // ticks at 0, 100, ..., 1000 ms
}

/// How long any wait on the server may take before the test fails instead of hanging.
const DEADLINE: Duration = Duration::from_secs(5);

/// `serve_until` run the way a process runs it: on a runtime of its own, dropped as
/// soon as `serve_until` returns (as when `main` returns), which ends every task still
/// on it.
struct Server {
    address: SocketAddr,
    shutdown: Option<oneshot::Sender<()>>,
    returned: std::sync::mpsc::Receiver<io::Result<()>>,
}

impl Server {
    fn start(journal: Journal) -> Server {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let address = listener.local_addr().unwrap();
        let (shutdown, signal) = oneshot::channel::<()>();
        let (report, returned) = std::sync::mpsc::channel();
        thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            let result = runtime.block_on(async {
                let listener = tokio::net::TcpListener::from_std(listener).unwrap();
                serve_until(listener, journal, async {
                    let _ = signal.await;
                })
                .await
            });
            drop(runtime);
            let _ = report.send(result);
        });
        Server {
            address,
            shutdown: Some(shutdown),
            returned,
        }
    }

    fn shut_down(&mut self) {
        self.shutdown.take().unwrap().send(()).unwrap();
    }

    fn wait(&self) -> io::Result<()> {
        self.returned
            .recv_timeout(DEADLINE)
            .expect("`serve_until` did not return within 5 s of shutdown")
    }

    /// Connects until the connection is refused: the server has closed its listener.
    fn wait_until_refused(&self) {
        let start = Instant::now();
        loop {
            match TcpStream::connect_timeout(&self.address, DEADLINE) {
                Err(e) if e.kind() == io::ErrorKind::ConnectionRefused => return,
                _ if start.elapsed() > DEADLINE => {
                    panic!("the server still accepts connections 5 s after shutdown began")
                }
                _ => thread::sleep(Duration::from_millis(10)),
            }
        }
    }
}

/// Starts an upload of `size` bytes and returns once the handler is reading its body:
/// with `Expect: 100-continue`, the server answers `100 Continue` when it does.
fn start_upload(address: SocketAddr, size: usize) -> TcpStream {
    let mut stream = TcpStream::connect_timeout(&address, DEADLINE).unwrap();
    stream.set_read_timeout(Some(DEADLINE)).unwrap();
    write!(
        stream,
        "POST /upload HTTP/1.1\r\nHost: {address}\r\nContent-Length: {size}\r\n\
         Expect: 100-continue\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut interim = [0; 25];
    stream.read_exact(&mut interim).unwrap();
    assert_eq!(&interim, b"HTTP/1.1 100 Continue\r\n\r\n");
    stream
}

/// Sends the rest of an upload and reads the whole reply (the server then closes).
fn finish_upload(mut stream: TcpStream, size: usize) -> io::Result<String> {
    stream.write_all(&vec![b'x'; size])?;
    let mut reply = String::new();
    stream.read_to_string(&mut reply)?;
    Ok(reply)
}

#[test]
fn an_upload_in_flight_when_shutdown_begins_still_completes() {
    let mut server = Server::start(Journal::default());
    let upload = start_upload(server.address, 10);
    server.shut_down();
    server.wait_until_refused(); // shutdown has begun
    let reply = finish_upload(upload, 10);
    assert!(
        reply
            .as_ref()
            .is_ok_and(|r| r.starts_with("HTTP/1.1 200 OK") && r.ends_with("10 bytes")),
        "the upload in flight was cut: {reply:?}"
    );
    server.wait().unwrap();
}

#[test]
fn no_new_connection_is_accepted_once_shutdown_begins() {
    let mut server = Server::start(Journal::default());
    let upload = start_upload(server.address, 10);
    server.shut_down();
    // Refused while the upload is still in flight, not only after the server returned.
    server.wait_until_refused();
    assert!(finish_upload(upload, 10).unwrap().ends_with("10 bytes"));
    server.wait().unwrap();
}

#[test]
fn every_background_job_writes_its_line_before_the_server_returns() {
    let journal = Journal::default();
    let mut server = Server::start(Arc::clone(&journal));
    let size = 1 << 20; // 1,024 chunks of 10 ms each: still running at shutdown
    let upload = start_upload(server.address, size);
    assert!(
        finish_upload(upload, size)
            .unwrap()
            .ends_with("1048576 bytes")
    );
    server.shut_down();
    server.wait().unwrap();
    let journal = journal.lock().unwrap();
    assert_eq!(journal.len(), 1, "the job was cut before it wrote its line");
    assert!(journal[0].ends_with("of 1024 chunks"), "{journal:?}");
}
