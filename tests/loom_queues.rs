//! Chapter 19 under loom: the hand-built polled queue loses nothing at the end.
#![cfg(loom)]

use listings::shim::sync::Arc;
use listings::shim::thread;
use listings::toolkit::queues::polled_queue::PolledQueue;

// ANCHOR: last_item
/// The producer pushes its last item and closes the queue while the consumer may
/// be anywhere in `pop`: between its look at the flag and its look at the items,
/// or past both. Every item must come out, in order, and then `None`.
#[test]
fn polled_queue_delivers_the_last_item_before_it_ends() {
    loom::model(|| {
        let queue = Arc::new(PolledQueue::new());
        let producer = {
            let queue = Arc::clone(&queue);
            thread::spawn(move || {
                queue.push(1);
                queue.push(2);
                queue.close();
            })
        };
        let (mut received, mut idle) = (Vec::new(), 0);
        while let Some(item) = queue.pop(&mut idle) {
            received.push(item);
        }
        assert_eq!(received, [1, 2], "lost an item at the end");
        producer.join().unwrap();
    });
}
// ANCHOR_END: last_item
