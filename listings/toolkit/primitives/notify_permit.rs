extern crate futures;
extern crate tokio;

use futures::FutureExt;
use tokio::sync::Notify;

// ANCHOR: notify
#[tokio::main(flavor = "current_thread")]
async fn main() {
    let notify = Notify::new();

    // notify_one with nobody waiting stores a permit, but never more than one.
    notify.notify_one();
    notify.notify_one();
    assert!(
        notify.notified().now_or_never().is_some(),
        "the stored permit"
    );
    assert!(
        notify.notified().now_or_never().is_none(),
        "only one was kept"
    );

    // notify_waiters wakes the waiters that exist now and stores nothing.
    let early = notify.notified(); // exists (registered) before the call
    notify.notify_waiters();
    assert!(
        early.now_or_never().is_some(),
        "an existing waiter is woken"
    );
    assert!(
        notify.notified().now_or_never().is_none(),
        "a later one is not"
    );
}
// ANCHOR_END: notify
