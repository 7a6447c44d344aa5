//! Chapter 12: the async mental model.

// The listing exists to show this warning; `expect` fails the build if it stops firing.
#[expect(
    unused_must_use,
    reason = "the listing shows the warning for a forgotten `.await`"
)]
pub mod forgot_await;
pub mod lazy_future;
pub mod lost_wakeup;
pub mod oneshot;
// tokio has no `net` under `--cfg loom`, and loom has no sockets to model.
#[cfg(not(loom))]
pub mod socket_read;
pub mod tiny_executor;
