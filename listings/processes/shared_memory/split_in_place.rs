extern crate rayon;

use rayon::prelude::*;
use std::thread;

// ANCHOR: split
/// Adds `offset` to every pixel, two threads each taking one half of the
/// buffer, borrowed in place: no copy, no `Arc`, no lock.
pub fn brighten_halves(pixels: &mut [u8], offset: u8) {
    let (left, right) = pixels.split_at_mut(pixels.len() / 2);
    thread::scope(|s| {
        s.spawn(|| brighten(left, offset));
        s.spawn(|| brighten(right, offset));
    }); // both threads are joined here, so both borrows have ended
}

/// The same with rayon: 4 KiB chunks, which rayon spreads over its thread pool.
pub fn brighten_chunks(pixels: &mut [u8], offset: u8) {
    pixels
        .par_chunks_mut(4096)
        .for_each(|chunk| brighten(chunk, offset));
}

fn brighten(pixels: &mut [u8], offset: u8) {
    for pixel in pixels {
        *pixel = pixel.saturating_add(offset);
    }
}
// ANCHOR_END: split

fn main() {
    let original: Vec<u8> = (0..100_003).map(|i| (i % 251) as u8).collect();
    let expected: Vec<u8> = original.iter().map(|p| p.saturating_add(10)).collect();

    let mut pixels = original.clone();
    let address = pixels.as_ptr();
    brighten_halves(&mut pixels, 10);
    assert_eq!(pixels, expected);
    assert_eq!(pixels.as_ptr(), address); // changed where it lay

    let mut pixels = original.clone();
    brighten_chunks(&mut pixels, 10);
    assert_eq!(pixels, expected);
}
