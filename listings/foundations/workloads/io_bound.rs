use std::io::{self, BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::Duration;

// ANCHOR: io
/// A slow remote service, played on this machine. It answers `connections`
/// connections, each on a thread of its own so that no request waits for another: it
/// reads a number, waits `latency` (the other machine's work), and sends back the
/// number doubled.
pub fn slow_service(listener: TcpListener, connections: usize, latency: Duration) {
    thread::scope(|s| {
        for stream in listener.incoming().take(connections) {
            let stream = stream.expect("a connection from the loopback interface");
            s.spawn(move || answer(stream, latency));
        }
    });
}

fn answer(mut stream: TcpStream, latency: Duration) -> io::Result<()> {
    let mut request = String::new();
    BufReader::new(&stream).read_line(&mut request)?;
    let id: usize = request.trim().parse().map_err(io::Error::other)?;
    thread::sleep(latency);
    stream.write_all(format!("{}\n", id * 2).as_bytes())
}

/// One request: connect, send `id` on a line, and wait for the answer on another.
/// The thread does nothing but wait, blocked in a read from the socket.
pub fn fetch(server: SocketAddr, id: usize) -> io::Result<usize> {
    let mut stream = TcpStream::connect(server)?;
    stream.set_read_timeout(Some(Duration::from_secs(5)))?; // never wait forever
    stream.write_all(format!("{id}\n").as_bytes())?;
    let mut answer = String::new();
    BufReader::new(&stream).read_line(&mut answer)?;
    answer.trim().parse().map_err(io::Error::other)
}

/// Serves requests `0..requests` with `workers` threads, each taking the next
/// unserved request until none are left. Returns the responses in request order.
pub fn serve_all(requests: usize, workers: usize, latency: Duration) -> Vec<usize> {
    // Port 0: the operating system picks a free port.
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port on loopback");
    let server = listener.local_addr().unwrap();
    let next = AtomicUsize::new(0);
    let responses = Mutex::new(vec![0; requests]);
    thread::scope(|s| {
        s.spawn(move || slow_service(listener, requests, latency));
        for _ in 0..workers {
            s.spawn(|| {
                loop {
                    let id = next.fetch_add(1, Ordering::Relaxed);
                    if id >= requests {
                        break;
                    }
                    let response = fetch(server, id).expect("the service answers");
                    responses.lock().unwrap()[id] = response;
                }
            });
        }
    });
    responses.into_inner().unwrap()
}
// ANCHOR_END: io

fn main() {
    let responses = serve_all(20, 10, Duration::from_millis(5));
    assert_eq!(responses, (0..20).map(|id| id * 2).collect::<Vec<_>>());
}
