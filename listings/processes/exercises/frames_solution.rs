use std::io::{self, Read};

/// What can go wrong between two frames.
#[derive(Debug)]
pub enum FrameError {
    /// The header announced `len` bytes, more than the reader accepts.
    TooLarge { len: u32, max: u32 },
    /// The stream ended inside a frame (its header or its body).
    Truncated,
    /// Reading failed.
    Io(io::Error),
}

/// Reads one frame: a 4-byte little-endian length, then that many bytes. Returns
/// `Ok(None)` when the stream ends cleanly, before the first byte of a frame.
///
/// A frame longer than `max` is refused as soon as its header is read, without
/// reading or allocating its body. `input` may return fewer bytes than asked for
/// from any `read`, as a pipe does.
// ANCHOR: solution
pub fn read_frame(input: &mut impl Read, max: u32) -> Result<Option<Vec<u8>>, FrameError> {
    // ANCHOR: answer
    let mut header = [0; 4];
    // The first byte tells a clean end from a frame; after it, an end is a cut.
    if read_fully(input, &mut header[..1])? == 0 {
        return Ok(None);
    }
    if read_fully(input, &mut header[1..])? < 3 {
        return Err(FrameError::Truncated);
    }
    let len = u32::from_le_bytes(header);
    if len > max {
        return Err(FrameError::TooLarge { len, max });
    }
    let mut body = vec![0; len as usize];
    if read_fully(input, &mut body)? < body.len() {
        return Err(FrameError::Truncated);
    }
    Ok(Some(body))
}

/// Fills `buf` unless the stream ends first; returns how many bytes it read. Short
/// reads are normal: keep reading until the buffer is full or `read` returns 0.
fn read_fully(input: &mut impl Read, buf: &mut [u8]) -> Result<usize, FrameError> {
    let mut filled = 0;
    while filled < buf.len() {
        match input.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(FrameError::Io(e)),
        }
    }
    Ok(filled)
    // ANCHOR_END: answer
}
// ANCHOR_END: solution

/// The writer's side, for tests and for `main`.
pub fn write_frame(out: &mut Vec<u8>, body: &[u8]) {
    out.extend_from_slice(&(body.len() as u32).to_le_bytes());
    out.extend_from_slice(body);
}

fn main() {
    let mut stream = Vec::new();
    write_frame(&mut stream, b"hello");
    write_frame(&mut stream, &[0; 100]);
    let mut input = &stream[..];
    assert_eq!(read_frame(&mut input, 64).unwrap().unwrap(), b"hello");
    assert!(matches!(
        read_frame(&mut input, 64),
        Err(FrameError::TooLarge { len: 100, max: 64 })
    ));
}
