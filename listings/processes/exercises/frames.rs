// no_run: the part marked todo!() is yours to write
use std::io::{self, Read};

// ANCHOR: exercise
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
pub fn read_frame(input: &mut impl Read, max: u32) -> Result<Option<Vec<u8>>, FrameError> {
    todo!("read the header, check the length, then read the body")
}
// ANCHOR_END: exercise

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
