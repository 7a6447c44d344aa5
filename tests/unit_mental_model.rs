//! Chapter 12 on real sockets: one thread keeps many reads waiting at once, and the
//! reactor wakes each of them when its data arrives.

use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use listings::async_rust::mental_model::socket_read::many_readers;

/// `many_readers` on a runtime of one thread, itself on a thread of its own: a read
/// that is never woken fails the test after 10 s instead of hanging it.
fn many_readers_on_one_thread(clients: usize) -> (Vec<Vec<u8>>, usize) {
    let (done, result) = mpsc::channel();
    thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        done.send(runtime.block_on(many_readers(clients)).unwrap())
    });
    result
        .recv_timeout(Duration::from_secs(10))
        .expect("every read was woken within 10 s")
}

#[test]
fn one_thread_keeps_many_reads_waiting_and_each_is_woken_once() {
    let clients = 200;
    let (replies, polls) = many_readers_on_one_thread(clients);
    assert_eq!(replies.len(), clients);
    assert!(
        replies.iter().all(|reply| reply == b"ready\n"),
        "{replies:?}"
    );
    // The server answers only when all 200 reads wait: each read's first poll finds no
    // data, and its second comes after the reactor's wake-up, with the data.
    assert_eq!(
        polls,
        2 * clients,
        "once Pending, once Ready, for every read"
    );
}
