//! Chapter 7 under loom: the queue, the event and the semaphore built on `Condvar`.
#![cfg(loom)]

use listings::shim::sync::Arc;
use listings::shim::sync::atomic::{AtomicUsize, Ordering};
use listings::shim::thread;
use listings::threads::coordination::{
    bounded_queue::BoundedQueue, event::Event, semaphore::Semaphore,
};

#[test]
fn bounded_queue_delivers_in_order_through_a_full_queue() {
    loom::model(|| {
        let queue = Arc::new(BoundedQueue::new(1));
        let producer = {
            let queue = Arc::clone(&queue);
            thread::spawn(move || {
                queue.push(1);
                queue.push(2); // waits until the consumer has taken 1
            })
        };
        assert_eq!((queue.pop(), queue.pop()), (1, 2));
        producer.join().unwrap();
    });
}

#[test]
fn event_wakes_a_waiter_whenever_it_is_set() {
    loom::model(|| {
        let event = Arc::new(Event::new());
        let waiter = {
            let event = Arc::clone(&event);
            thread::spawn(move || event.wait())
        };
        event.set();
        waiter.join().unwrap(); // a lost wake-up would show up here as a deadlock
    });
}

// ANCHOR: semaphore
#[test]
fn semaphore_admits_one_holder_at_a_time() {
    loom::model(|| {
        let semaphore = Arc::new(Semaphore::new(1));
        let holders = Arc::new(AtomicUsize::new(0));
        let use_it = {
            let (semaphore, holders) = (Arc::clone(&semaphore), Arc::clone(&holders));
            move || {
                let _permit = semaphore.acquire();
                let inside = holders.fetch_add(1, Ordering::SeqCst) + 1;
                assert!(inside <= 1, "{inside} holders of 1 permit");
                holders.fetch_sub(1, Ordering::SeqCst);
            }
        };
        let others: Vec<_> = (0..2).map(|_| thread::spawn(use_it.clone())).collect();
        use_it();
        for other in others {
            other.join().unwrap();
        }
    });
}
// ANCHOR_END: semaphore
