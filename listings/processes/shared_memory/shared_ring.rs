extern crate memmap2;

#[cfg(loom)]
use crate::shim::{sync, thread};
#[cfg(not(loom))]
use std::{sync, thread};

use std::fs::{File, OpenOptions};
use std::io;
use std::os::unix::process::parent_id;
use std::path::Path;
use std::process::{Child, Command, ExitStatus};
use std::time::{Duration, Instant};

// ANCHOR: ring
use sync::atomic::AtomicU64;
use sync::atomic::Ordering::{Acquire, Relaxed, Release};

/// A message is two words. A reader must get both words of the same push.
pub type Message = [u64; 2];

/// The first word of a ring that is ready: "SPSCRNG" and a format version.
pub const MAGIC: u64 = u64::from_le_bytes(*b"SPSCRNG1");

/// A ring of `N` slots with one producer and one consumer.
///
/// Every field is an atomic: the ring is meant to live in memory that another
/// process may write at any moment, and atomics are the only values Rust lets two
/// sides change at once. `#[repr(C)]` fixes the order of the fields, so every
/// process that maps the ring finds each field at the same offset.
#[repr(C)]
pub struct Ring<const N: usize> {
    magic: AtomicU64,
    slot_count: AtomicU64,
    /// Messages pushed so far. Only the producer writes it.
    tail: AtomicU64,
    /// Messages popped so far. Only the consumer writes it.
    head: AtomicU64,
    slots: [[AtomicU64; 2]; N],
}

impl<const N: usize> Ring<N> {
    /// An empty ring in ordinary memory, for threads of one process.
    pub fn new() -> Self {
        Ring {
            magic: AtomicU64::new(MAGIC),
            slot_count: AtomicU64::new(N as u64),
            tail: AtomicU64::new(0),
            head: AtomicU64::new(0),
            slots: std::array::from_fn(|_| [AtomicU64::new(0), AtomicU64::new(0)]),
        }
    }

    /// The pushing end. Only one may exist at a time, in all processes together.
    pub fn producer(&self) -> Producer<'_, N> {
        // Relaxed: only a producer writes `tail`, and we are the only one.
        let tail = self.tail.load(Relaxed);
        Producer { ring: self, tail }
    }

    /// The popping end. Only one may exist at a time, in all processes together.
    pub fn consumer(&self) -> Consumer<'_, N> {
        let head = self.head.load(Relaxed); // as above, for `head`
        Consumer { ring: self, head }
    }
}

/// Pushes messages; keeps its own copy of `tail`, which only it writes.
pub struct Producer<'a, const N: usize> {
    ring: &'a Ring<N>,
    tail: u64,
}

impl<const N: usize> Producer<'_, N> {
    /// Hands the message back if the ring is full.
    pub fn try_push(&mut self, message: Message) -> Result<(), Message> {
        // Acquire: the consumer finished reading a slot before it moved `head`
        // past it, so that slot may now be overwritten.
        let head = self.ring.head.load(Acquire);
        if self.tail.wrapping_sub(head) >= N as u64 {
            return Err(message);
        }
        let slot = &self.ring.slots[(self.tail % N as u64) as usize];
        slot[0].store(message[0], Relaxed);
        slot[1].store(message[1], Relaxed);
        self.tail += 1;
        // Release: both words are written before any consumer can see the new
        // tail. This store is what publishes the message.
        self.ring.tail.store(self.tail, Release);
        Ok(())
    }
}

/// Pops messages; keeps its own copy of `head`, which only it writes.
pub struct Consumer<'a, const N: usize> {
    ring: &'a Ring<N>,
    head: u64,
}

impl<const N: usize> Consumer<'_, N> {
    /// `None` if the ring is empty.
    pub fn try_pop(&mut self) -> Option<Message> {
        // Acquire: pairs with the producer's Release store of `tail`, so the
        // words of every published slot are visible from here on.
        let tail = self.ring.tail.load(Acquire);
        if self.head == tail {
            return None;
        }
        let slot = &self.ring.slots[(self.head % N as u64) as usize];
        let message = [slot[0].load(Relaxed), slot[1].load(Relaxed)];
        self.head += 1;
        // Release: our reads of the slot happen before the producer reuses it.
        self.ring.head.store(self.head, Release);
        Some(message)
    }
}
// ANCHOR_END: ring

// ANCHOR: mapping
/// The ring that the two processes of Listing 11-7 share.
pub type SharedRing = Ring<16>;

/// A `SharedRing` in a file that is mapped into this process's memory.
pub struct MappedRing {
    map: memmap2::MmapRaw,
}

impl MappedRing {
    /// Creates the file, which must not exist yet, and an empty ring in it.
    pub fn create(path: &Path) -> io::Result<MappedRing> {
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .open(path)?;
        file.set_len(size_of::<SharedRing>() as u64)?; // filled with zeros
        let mapped = MappedRing::map(&file)?;
        let ring = mapped.ring();
        ring.slot_count.store(16, Relaxed);
        ring.magic.store(MAGIC, Release); // last: the ring is ready
        Ok(mapped)
    }

    /// Maps a ring that `create` made. A file that is not one is refused with
    /// an error, and left as it was: this function never writes to it.
    pub fn open(path: &Path) -> io::Result<MappedRing> {
        let file = OpenOptions::new().read(true).write(true).open(path)?;
        let expected = size_of::<SharedRing>() as u64;
        let len = file.metadata()?.len();
        if len != expected {
            return Err(invalid(format!(
                "{}: {len} bytes, but a ring is {expected}",
                path.display()
            )));
        }
        let mapped = MappedRing::map(&file)?;
        let ring = mapped.ring();
        let magic = ring.magic.load(Acquire);
        if magic != MAGIC {
            return Err(invalid(format!(
                "{}: not a ring (first word {magic:#018x})",
                path.display()
            )));
        }
        let slots = ring.slot_count.load(Relaxed);
        if slots != 16 {
            return Err(invalid(format!(
                "{}: a ring of {slots} slots, expected 16",
                path.display()
            )));
        }
        Ok(mapped)
    }

    fn map(file: &File) -> io::Result<MappedRing> {
        let map = memmap2::MmapRaw::map_raw(file)?;
        // `ring` relies on both; mmap returns whole pages, but check, not assume.
        if map.len() < size_of::<SharedRing>() {
            return Err(invalid(format!("mapped only {} bytes", map.len())));
        }
        if map.as_ptr().align_offset(align_of::<SharedRing>()) != 0 {
            return Err(invalid("mapping is not aligned for a ring".to_string()));
        }
        Ok(MappedRing { map })
    }

    /// The ring inside the mapping.
    pub fn ring(&self) -> &SharedRing {
        // SAFETY: `map` checked that the mapping is at least as large as a
        // `SharedRing` and aligned for one, and the mapping lives as long as
        // `self`, which the returned reference borrows. Its bytes are initialised
        // (zeros from `set_len`, or what a process stored since), and every field of
        // a `Ring` is an `AtomicU64`, for which any 8 bytes are a valid value.
        // Atomics may be changed through a shared reference, so another process
        // writing them is, to this process, like another thread doing so.
        // Not checked: no one may shrink the file while it is mapped (touching
        // a page past its end raises SIGBUS and ends the process).
        unsafe { &*self.map.as_ptr().cast::<SharedRing>() }
    }
}

fn invalid(message: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message)
}
// ANCHOR_END: mapping

// ANCHOR: processes
/// The `n`th message: the number and its bitwise complement, so that a message
/// that mixes the words of two pushes is caught.
pub fn message(n: u64) -> Message {
    [n, !n]
}

/// The producer's side: pushes messages `0..count`. While the ring is full it
/// watches the consumer, which is the process that started this one: if that
/// process exits, or makes no room for `patience`, it gives up with an error.
pub fn produce(ring: &SharedRing, count: u64, patience: Duration) -> io::Result<()> {
    let consumer = parent_id();
    let mut producer = ring.producer();
    for n in 0..count {
        let mut pending = message(n);
        let full_since = Instant::now();
        while let Err(back) = producer.try_push(pending) {
            pending = back;
            // An orphan is adopted by another process, so its parent id changes.
            if parent_id() != consumer {
                return Err(io::Error::new(
                    io::ErrorKind::BrokenPipe,
                    "the consumer exited",
                ));
            }
            if full_since.elapsed() > patience {
                return Err(io::Error::new(
                    io::ErrorKind::TimedOut,
                    "the consumer stalled",
                ));
            }
            thread::yield_now(); // full: let the consumer run
        }
    }
    Ok(())
}

/// What the consumer received, and how the producer ended.
#[derive(Debug)]
pub struct Report {
    pub received: u64,
    pub producer: ExitStatus,
}

/// The consumer's side. Creates a ring at `path`, starts `producer` with
/// `--producer <path> <count>` added to its arguments, and checks that messages
/// `0..count` arrive whole and in order until the producer exits. Gives up with an
/// error if the producer neither sends a message nor exits for `patience`.
pub fn consume(
    mut producer: Command,
    path: &Path,
    count: u64,
    patience: Duration,
) -> io::Result<Report> {
    let mapped = MappedRing::create(path)?;
    let mut consumer = mapped.ring().consumer();
    let child = producer
        .arg("--producer")
        .arg(path)
        .arg(count.to_string())
        .spawn()?;
    let mut child = KillOnDrop(child);
    let mut received = 0;
    let mut last_progress = Instant::now();
    loop {
        // Ask first, then drain: a producer that has exited published its last
        // message before it exited, so the drain below still sees it.
        let exited = child.0.try_wait()?;
        while received < count
            && let Some(got) = consumer.try_pop()
        {
            if got != message(received) {
                return Err(invalid(format!(
                    "message {received} arrived as {got:?}, expected {:?}",
                    message(received)
                )));
            }
            received += 1;
            last_progress = Instant::now();
        }
        if let Some(status) = exited {
            return Ok(Report {
                received,
                producer: status,
            });
        }
        if last_progress.elapsed() > patience {
            return Err(io::Error::new(io::ErrorKind::TimedOut, "producer stalled"));
        }
        thread::yield_now();
    }
}

/// Kills and reaps the child if the consumer returns early or panics.
struct KillOnDrop(Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill(); // fails harmlessly if it has already been reaped
        let _ = self.0.wait();
    }
}
// ANCHOR_END: processes

fn main() -> io::Result<()> {
    // Two threads of one process share a ring in a mapped file, the way the
    // two processes of Listing 11-7 do.
    let stamp = std::time::UNIX_EPOCH
        .elapsed()
        .unwrap_or_default()
        .as_nanos();
    let path = std::env::temp_dir().join(format!("shared-ring-{}-{stamp}.bin", std::process::id()));
    let mapped = MappedRing::create(&path)?;
    let count = 10_000;
    let received = std::thread::scope(|s| {
        let producing = s.spawn(|| produce(mapped.ring(), count, Duration::from_secs(10)));
        let mut consumer = mapped.ring().consumer();
        let mut received = 0;
        while received < count {
            match consumer.try_pop() {
                Some(got) => {
                    assert_eq!(got, message(received));
                    received += 1;
                }
                None => std::thread::yield_now(),
            }
        }
        producing
            .join()
            .expect("the producer panicked")
            .map(|()| received)
    })?;
    assert_eq!(received, count);

    // A second mapping of the same file sees the same ring.
    let again = MappedRing::open(&path)?;
    assert_eq!(again.ring().tail.load(Acquire), count);
    std::fs::remove_file(&path)
}
