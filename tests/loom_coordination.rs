//! Chapter 8 under loom: the queue, the event and the semaphore built on `Condvar`.
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

// ANCHOR: capacity
/// Two producers compete for the single slot: one of them can be woken for a free
/// slot that the other takes first. It must check again, and wait again.
#[test]
fn bounded_queue_never_holds_more_than_its_capacity() {
    loom::model(|| {
        let queue = Arc::new(BoundedQueue::new(1));
        let producers: Vec<_> = [vec![1, 2], vec![3]]
            .into_iter()
            .map(|items| {
                let queue = Arc::clone(&queue);
                thread::spawn(move || items.into_iter().for_each(|item| queue.push(item)))
            })
            .collect();
        let mut received = Vec::new();
        for _ in 0..3 {
            let queued = queue.len();
            assert!(queued <= 1, "over capacity: {queued} items in a queue of 1");
            received.push(queue.pop());
        }
        for producer in producers {
            producer.join().unwrap();
        }
        received.sort_unstable();
        assert_eq!(received, [1, 2, 3]);
    });
}
// ANCHOR_END: capacity

/// Two consumers: one can be woken for an item that the other takes first. It must
/// find the queue empty, and wait again for the next item.
#[test]
fn bounded_queue_serves_two_consumers() {
    loom::model(|| {
        let queue = Arc::new(BoundedQueue::new(1));
        let consumers: Vec<_> = (0..2)
            .map(|_| {
                let queue = Arc::clone(&queue);
                thread::spawn(move || queue.pop())
            })
            .collect();
        queue.push(1);
        queue.push(2);
        let mut received: Vec<i32> = consumers.into_iter().map(|c| c.join().unwrap()).collect();
        received.sort_unstable();
        assert_eq!(received, [1, 2]);
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

// ANCHOR: pulse
#[test]
fn event_pulse_releases_a_thread_already_waiting() {
    loom::model(|| {
        let event = Arc::new(Event::new());
        let waiter = {
            let event = Arc::clone(&event);
            thread::spawn(move || event.wait())
        };
        while event.waiting() == 0 {
            thread::yield_now();
        }
        event.set();
        event.clear(); // possibly before the waiter has woken up
        waiter.join().unwrap(); // a stranded waiter shows up here as a deadlock
    });
}
// ANCHOR_END: pulse

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
