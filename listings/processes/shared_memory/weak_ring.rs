#[cfg(loom)]
use crate::shim::sync;
#[cfg(not(loom))]
use std::sync;

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
    // ANCHOR: push
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
        // BUG: Relaxed publishes the new tail without ordering the two slot
        // stores before it. A consumer can see the tail and read an old slot.
        self.ring.tail.store(self.tail, Relaxed);
        Ok(())
    }
    // ANCHOR_END: push
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

fn main() {
    // On one thread the weak ring works: nothing runs at the same time, so no
    // ordering can go wrong. The bug needs a second thread running at the same time.
    let ring = Ring::<2>::new();
    let (mut producer, mut consumer) = (ring.producer(), ring.consumer());
    for n in 0..3 {
        assert_eq!(producer.try_push([n, !n]), Ok(()));
        assert_eq!(consumer.try_pop(), Some([n, !n]));
    }
    assert_eq!(consumer.try_pop(), None);
}
