extern crate futures;
extern crate tokio;

use std::cell::Cell;
use std::pin::pin;
use std::time::Duration;

use futures::stream::{self, Stream, StreamExt};
use tokio::time::sleep;

// ANCHOR: pages
/// Pages `1..=last` of a listing, each requested only when the consumer asks for it.
/// `requested` counts the requests made so far.
pub fn pages(last: u32, requested: &Cell<u32>) -> impl Stream<Item = Vec<u32>> + '_ {
    // The state is the number of the next page; `None` ends the stream.
    stream::unfold(1, move |page| async move {
        if page > last {
            return None;
        }
        requested.set(requested.get() + 1);
        sleep(Duration::from_millis(10)).await; // waiting for the reply
        Some((vec![page * 10, page * 10 + 1], page + 1))
    })
}

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let requested = Cell::new(0);
    // `unfold` keeps the closure's future inside the stream, so the stream is not
    // `Unpin`: pin it before calling `next`.
    let mut pages = pin!(pages(4, &requested));
    assert_eq!(requested.get(), 0, "creating the stream requests nothing");

    let mut items = Vec::new();
    while let Some(page) = pages.next().await {
        items.extend(page);
        assert_eq!(
            requested.get(),
            items.len() as u32 / 2,
            "no page requested ahead"
        );
    }
    assert_eq!(items, [10, 11, 20, 21, 30, 31, 40, 41]);
}
// ANCHOR_END: pages
