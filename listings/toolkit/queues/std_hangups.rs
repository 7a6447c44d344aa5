use std::sync::mpsc::{self, RecvError, TryRecvError};
use std::thread;

// ANCHOR: hangups
fn main() {
    let (tx, rx) = mpsc::channel::<u32>();
    // Nothing queued, but a sender is alive: "empty for now".
    assert_eq!(rx.try_recv(), Err(TryRecvError::Empty));

    let producer = thread::spawn(move || {
        for n in 1..=3 {
            tx.send(n).unwrap();
        }
        // `tx` is dropped here: the last sender is gone.
    });
    producer.join().unwrap();

    // Items sent before the hang-up are still delivered, in order...
    assert_eq!(rx.iter().collect::<Vec<_>>(), [1, 2, 3]);
    // ...and only then does the channel report that it has ended.
    assert_eq!(rx.recv(), Err(RecvError));
    assert_eq!(rx.try_recv(), Err(TryRecvError::Disconnected));

    // The other direction: with the receiver gone, `send` hands the value back.
    let (tx, rx) = mpsc::channel();
    drop(rx);
    assert_eq!(tx.send("report").unwrap_err().0, "report");
}
// ANCHOR_END: hangups
