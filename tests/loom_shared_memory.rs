//! Chapter 11 under loom: the ring's algorithm with two threads, and the same ring
//! with its publishing store too weak.
#![cfg(loom)]

use listings::processes::shared_memory::{shared_ring, weak_ring};
use listings::shim::thread;

type Message = [u64; 2];

// ANCHOR: model
/// The producer's end goes to a new thread, which pushes messages `0..count`;
/// the model's own thread pops them. Each must arrive whole and in order.
fn deliver<P: Send + 'static, C>(
    mut producer: P,
    push: fn(&mut P, Message) -> Result<(), Message>,
    mut consumer: C,
    pop: fn(&mut C) -> Option<Message>,
    count: u64,
) {
    let pushing = thread::spawn(move || {
        for n in 0..count {
            while push(&mut producer, [n, !n]).is_err() {
                thread::yield_now(); // full
            }
        }
    });
    for n in 0..count {
        let got = loop {
            match pop(&mut consumer) {
                Some(got) => break got,
                None => thread::yield_now(), // empty
            }
        };
        assert!(
            got == [n, !n],
            "message {n} arrived as {got:?}, expected {:?}",
            [n, !n]
        );
    }
    pushing.join().unwrap();
}

#[test]
fn ring_delivers_every_message_whole_and_in_order() {
    use shared_ring::{Consumer, Producer, Ring};
    loom::model(|| {
        // Two slots and three messages: the ring fills up and wraps around.
        let ring: &'static Ring<2> = Box::leak(Box::new(Ring::new()));
        deliver(
            ring.producer(),
            Producer::try_push,
            ring.consumer(),
            Consumer::try_pop,
            3,
        );
    });
}

#[test]
#[should_panic(expected = "message 0 arrived as [0, 0], expected [0, 18446744073709551615]")]
fn a_relaxed_tail_store_lets_the_consumer_read_an_unwritten_slot() {
    use weak_ring::{Consumer, Producer, Ring};
    loom::model(|| {
        let ring: &'static Ring<2> = Box::leak(Box::new(Ring::new()));
        deliver(
            ring.producer(),
            Producer::try_push,
            ring.consumer(),
            Consumer::try_pop,
            1,
        );
    });
}
// ANCHOR_END: model
