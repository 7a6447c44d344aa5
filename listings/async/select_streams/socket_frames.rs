extern crate futures;
extern crate tokio;
extern crate tokio_util;

use std::cell::Cell;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};
use std::time::Duration;

use futures::StreamExt;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc::{self, Receiver};
use tokio_util::codec::{FramedRead, LengthDelimitedCodec};

// ANCHOR: read_exact
/// The longest frame either reader accepts.
pub const MAX_FRAME: usize = 1024;

/// One frame: a 4-byte big-endian length, then that many bytes.
async fn read_frame(reader: &mut (impl AsyncRead + Unpin)) -> io::Result<Vec<u8>> {
    let len = reader.read_u32().await? as usize;
    if len > MAX_FRAME {
        let error = format!("a frame of {len} bytes");
        return Err(io::Error::new(io::ErrorKind::InvalidData, error));
    }
    let mut frame = vec![0; len];
    reader.read_exact(&mut frame).await?; // what it has read so far is only in here
    Ok(frame)
}

/// Reads frames until the peer closes the connection, handling ticks meanwhile.
pub async fn frames_by_read_exact(
    mut reader: impl AsyncRead + Unpin,
    mut ticks: Receiver<()>,
) -> io::Result<Vec<Vec<u8>>> {
    let mut frames = Vec::new();
    loop {
        tokio::select! {
            frame = read_frame(&mut reader) => match frame {
                Ok(frame) => frames.push(frame),
                Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(frames),
                Err(e) => return Err(e),
            },
            // When a tick wins, the `read_frame` future above is dropped, and with it
            // the bytes it had already taken from the socket.
            Some(()) = ticks.recv() => {}
        }
    }
}
// ANCHOR_END: read_exact

// ANCHOR: codec
/// The same loop over a `FramedRead`: the part of a frame that has arrived waits in
/// the `FramedRead`'s buffer, which outlives every `next()` future.
pub async fn frames_by_codec(
    reader: impl AsyncRead + Unpin,
    mut ticks: Receiver<()>,
) -> io::Result<Vec<Vec<u8>>> {
    let codec = LengthDelimitedCodec::builder()
        .max_frame_length(MAX_FRAME)
        .new_codec();
    let mut incoming = FramedRead::new(reader, codec);
    let mut frames = Vec::new();
    loop {
        tokio::select! {
            frame = incoming.next() => match frame {
                Some(frame) => frames.push(frame?.to_vec()),
                None => return Ok(frames),
            },
            Some(()) = ticks.recv() => {}
        }
    }
}
// ANCHOR_END: codec

/// A socket that counts the bytes read out of it.
pub struct Counted {
    stream: TcpStream,
    taken: Rc<Cell<usize>>,
}

impl AsyncRead for Counted {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let poll = Pin::new(&mut self.stream).poll_read(cx, buf);
        self.taken
            .set(self.taken.get() + buf.filled().len() - before);
        poll
    }
}

/// Connects a peer to `read_frames` over loopback. The peer sends the first 8 bytes
/// of a frame of 8; once the reader has taken them out of the socket, a tick arrives;
/// once the tick is taken, the rest of the frame comes, then a frame "hello", then
/// the end of the connection. Returns what `read_frames` returned, or `TimedOut`
/// after 10 s.
pub async fn half_frame_then_tick<R, F>(read_frames: R) -> io::Result<Vec<Vec<u8>>>
where
    R: FnOnce(Counted, Receiver<()>) -> F,
    F: Future<Output = io::Result<Vec<Vec<u8>>>>,
{
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let mut writer = TcpStream::connect(listener.local_addr()?).await?;
    let (stream, _) = listener.accept().await?;
    let taken = Rc::new(Cell::new(0));
    let (tick, ticks) = mpsc::channel(1);
    let reader = read_frames(
        Counted {
            stream,
            taken: Rc::clone(&taken),
        },
        ticks,
    );
    let peer = async {
        writer.write_all(b"\0\0\0\x08abcd").await?;
        while taken.get() < 8 {
            tokio::task::yield_now().await;
        }
        tick.send(()).await.unwrap();
        while tick.capacity() == 0 {
            tokio::task::yield_now().await;
        }
        writer.write_all(b"efgh\0\0\0\x05hello").await?;
        writer.shutdown().await
    };
    let both = async { tokio::join!(reader, peer) };
    match tokio::time::timeout(Duration::from_secs(10), both).await {
        Ok((frames, sent)) => {
            let frames = frames?;
            sent?;
            Ok(frames)
        }
        Err(_) => Err(io::ErrorKind::TimedOut.into()),
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> io::Result<()> {
    // The 8 bytes taken before the tick are lost; "efgh" is then read as a length.
    let lost = half_frame_then_tick(frames_by_read_exact)
        .await
        .unwrap_err();
    assert_eq!(lost.to_string(), "a frame of 1701209960 bytes");
    let kept = half_frame_then_tick(frames_by_codec).await?;
    assert_eq!(kept, [b"abcdefgh".to_vec(), b"hello".to_vec()]);
    Ok(())
}
