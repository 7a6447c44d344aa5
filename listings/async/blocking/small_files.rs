extern crate rayon;
extern crate tokio;

use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use tokio::task::JoinSet;

// ANCHOR: files
/// What reading some files found: how many, how many bytes, and a checksum of their
/// contents that does not depend on the order they were read in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    pub files: usize,
    pub bytes: u64,
    pub checksum: u64,
}

impl Totals {
    fn of(contents: &[u8]) -> Totals {
        let hash = contents
            .iter()
            .fold(0xcbf2_9ce4_8422_2325, |hash: u64, &byte| {
                (hash ^ u64::from(byte)).wrapping_mul(0x100_0000_01b3) // FNV-1a
            });
        Totals {
            files: 1,
            bytes: contents.len() as u64,
            checksum: hash,
        }
    }

    fn plus(self, other: Totals) -> Totals {
        Totals {
            files: self.files + other.files,
            bytes: self.bytes + other.bytes,
            checksum: self.checksum.wrapping_add(other.checksum),
        }
    }
}

/// One file after another, with `std::fs`, on the calling thread.
pub fn read_one_by_one(paths: &[PathBuf]) -> io::Result<Totals> {
    let mut totals = Totals::default();
    for path in paths {
        totals = totals.plus(Totals::of(&std::fs::read(path)?));
    }
    Ok(totals)
}

/// On rayon's pool, one thread per CPU, each reading with `std::fs`.
pub fn read_on_rayon(paths: &[PathBuf]) -> io::Result<Totals> {
    paths
        .par_iter()
        .map(|path| Ok(Totals::of(&std::fs::read(path)?)))
        .try_reduce(Totals::default, |a, b| Ok(a.plus(b)))
}

/// With `tokio::fs`, one task per file: each `read` is a job for tokio's blocking pool.
pub async fn read_with_tokio_fs(paths: &[PathBuf]) -> io::Result<Totals> {
    let mut reads = JoinSet::new();
    for path in paths {
        reads.spawn(tokio::fs::read(path.clone()));
    }
    let mut totals = Totals::default();
    while let Some(read) = reads.join_next().await {
        totals = totals.plus(Totals::of(&read.expect("a read panicked")?));
    }
    Ok(totals)
}
// ANCHOR_END: files

/// Writes `count` files of `size` bytes into `folder`, each with different contents.
pub fn write_files(folder: &Path, count: usize, size: usize) -> io::Result<Vec<PathBuf>> {
    (0..count)
        .map(|file| {
            let path = folder.join(format!("{file}.bin"));
            let contents: Vec<u8> = (0..size).map(|at| (file * 7 + at) as u8).collect();
            std::fs::write(&path, contents)?;
            Ok(path)
        })
        .collect()
}

// ANCHOR: main
fn main() -> io::Result<()> {
    let folder = std::env::temp_dir().join(format!("small-files-{}", std::process::id()));
    std::fs::create_dir_all(&folder)?;
    let paths = write_files(&folder, 500, 4096)?;

    let one_by_one = read_one_by_one(&paths)?;
    let on_rayon = read_on_rayon(&paths)?;
    let runtime = tokio::runtime::Runtime::new()?;
    let with_tokio_fs = runtime.block_on(read_with_tokio_fs(&paths))?;
    std::fs::remove_dir_all(&folder)?;

    assert_eq!((one_by_one.files, one_by_one.bytes), (500, 500 * 4096));
    assert_eq!(on_rayon, one_by_one, "the same bytes from every file");
    assert_eq!(with_tokio_fs, one_by_one, "the same bytes from every file");
    Ok(())
}
// ANCHOR_END: main
