extern crate tokio;

use std::time::Duration;

use tokio::sync::watch;
use tokio::time::timeout;

// ANCHOR: pulse
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let (flag, mut late) = watch::channel(false);

    // A flag that stays set is seen by anyone who looks later, however late.
    flag.send_replace(true);
    assert!(*late.wait_for(|set| *set).await.unwrap());

    // A pulse: set, then cleared, while two tasks wait. (A new receiver counts the
    // value current when it subscribed as seen.)
    flag.send_replace(false);
    let (mut by_value, mut by_change) = (flag.subscribe(), flag.subscribe());
    let level = tokio::spawn(async move {
        let waited = timeout(Duration::from_secs(60), by_value.wait_for(|set| *set));
        waited.await.is_ok()
    });
    let edge = tokio::spawn(async move {
        by_change.changed().await.unwrap();
        *by_change.borrow_and_update() // the value now: cleared again
    });
    tokio::task::yield_now().await; // both tasks run and start waiting
    flag.send_replace(true);
    flag.send_replace(false);

    // wait_for only ever looks at the latest value: it missed the pulse.
    assert!(!level.await.unwrap(), "wait_for timed out");
    // changed() reports that something was sent since the receiver last looked.
    assert!(
        !edge.await.unwrap(),
        "woken by the pulse, and the flag is clear"
    );
}
// ANCHOR_END: pulse
