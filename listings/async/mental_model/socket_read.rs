extern crate tokio;

use std::future::poll_fn;
use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Poll, ready};

use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;

// ANCHOR: read_some
/// Reads what the socket has, as a future written by hand. `polls` counts how often
/// the runtime polled it.
pub async fn read_some(
    stream: &TcpStream,
    buf: &mut [u8],
    polls: &AtomicUsize,
) -> io::Result<usize> {
    poll_fn(|cx| {
        polls.fetch_add(1, Ordering::Relaxed);
        loop {
            // Not readable yet: the reactor keeps a clone of `cx`'s waker, to wake the
            // task when the operating system reports data, and the read is `Pending`.
            ready!(stream.poll_read_ready(cx))?;
            match stream.try_read(buf) {
                // The readiness was out of date; `try_read` cleared it, so ask again.
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => continue,
                done => return Poll::Ready(done),
            }
        }
    })
    .await
}
// ANCHOR_END: read_some

// ANCHOR: many_readers
/// Connects `clients` clients to a local server, each in a task of its own, and has
/// the server answer only once every client is waiting in `read_some`. Returns what
/// each client read, and how often all the reads were polled.
pub async fn many_readers(clients: usize) -> io::Result<(Vec<Vec<u8>>, usize)> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let address = listener.local_addr()?;
    let waiting = Arc::new(Semaphore::new(0));
    let polls = Arc::new(AtomicUsize::new(0));
    let readers: Vec<_> = (0..clients)
        .map(|_| {
            let (waiting, polls) = (Arc::clone(&waiting), Arc::clone(&polls));
            tokio::spawn(async move {
                let stream = TcpStream::connect(address).await?;
                waiting.add_permits(1);
                let mut buf = vec![0; 64];
                let n = read_some(&stream, &mut buf, &polls).await?;
                buf.truncate(n);
                io::Result::Ok(buf)
            })
        })
        .collect();

    let mut connections = Vec::new();
    for _ in 0..clients {
        connections.push(listener.accept().await?.0);
    }
    let _all = waiting.acquire_many(clients as u32).await.unwrap();
    for connection in &mut connections {
        connection.write_all(b"ready\n").await?;
    }

    let mut replies = Vec::new();
    for reader in readers {
        replies.push(reader.await??);
    }
    Ok((replies, polls.load(Ordering::Relaxed)))
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> io::Result<()> {
    let (replies, polls) = many_readers(100).await?;
    assert!(replies.iter().all(|reply| reply == b"ready\n"));
    // Each read: polled once before the data came (`Pending`), once after (`Ready`).
    assert_eq!(polls, 2 * 100);
    Ok(())
}
// ANCHOR_END: many_readers
