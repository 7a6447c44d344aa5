extern crate tokio;

use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

// ANCHOR: starved
/// Spawns a neighbour task whose only job is to send one message, then waits for that
/// message *synchronously*, on the runtime's thread, for up to `patience`.
pub async fn wait_blocking(patience: Duration) -> bool {
    let message = spawn_neighbour();
    message.recv_timeout(patience).is_ok()
}

/// The same wait, moved to tokio's blocking pool with `spawn_blocking`.
pub async fn wait_on_blocking_pool(patience: Duration) -> bool {
    let message = spawn_neighbour();
    tokio::task::spawn_blocking(move || message.recv_timeout(patience).is_ok())
        .await
        .unwrap()
}

fn spawn_neighbour() -> Receiver<()> {
    let (sender, message) = mpsc::channel();
    // After a wait that gave up, nobody listens any more: ignore the send's failure.
    tokio::spawn(async move {
        let _ = sender.send(());
    });
    message
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // The neighbour cannot run while the only thread is blocked waiting for it.
    assert!(
        !wait_blocking(Duration::from_millis(100)).await,
        "the neighbour was starved"
    );
    assert!(
        wait_on_blocking_pool(Duration::from_secs(60)).await,
        "the neighbour ran"
    );
}
// ANCHOR_END: starved
