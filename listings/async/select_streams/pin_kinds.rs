extern crate futures;

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

// ANCHOR: kinds
/// Polls a future once through a plain `&mut`: allowed only for `Unpin` futures.
fn poll_unpin<F: Future + Unpin>(future: &mut F) -> Poll<F::Output> {
    Pin::new(future).poll(&mut Context::from_waker(Waker::noop()))
}

pub struct Node {
    pub value: u64,
    pub children: Vec<Node>,
}

/// A recursive `async fn`: each call's future would contain the next one, so the
/// inner call is boxed to give the outer future a fixed size.
pub async fn tree_sum(node: &Node) -> u64 {
    let mut total = node.value;
    for child in &node.children {
        total += Box::pin(tree_sum(child)).await;
    }
    total
}

fn main() {
    // `Ready` never pauses and holds no references: it is `Unpin`, like most types.
    let mut ready = std::future::ready(String::from("done"));
    assert_eq!(poll_unpin(&mut ready), Poll::Ready(String::from("done")));

    // `Box::pin` puts the future on the heap, and `Pin<Box<_>>` is `Unpin`.
    let mut paused = Box::pin(async {
        let word = String::from("moved");
        let borrowed = &word; // held across the pause, as in Listing 14-2
        futures::pending!();
        borrowed.len()
    });
    assert!(poll_unpin(&mut paused).is_pending());
    let future_at = std::ptr::from_ref(&*paused).addr();

    // Moving the box moves a pointer; the future stays where it was polled.
    let mut jobs: Vec<Pin<Box<dyn Future<Output = usize>>>> = vec![paused];
    assert_eq!(std::ptr::from_ref(&*jobs[0]).addr(), future_at);
    assert_eq!(poll_unpin(&mut jobs[0]), Poll::Ready(5));

    let tree = Node {
        value: 1,
        children: vec![
            Node {
                value: 2,
                children: vec![],
            },
            Node {
                value: 3,
                children: vec![Node {
                    value: 4,
                    children: vec![],
                }],
            },
        ],
    };
    assert_eq!(poll_unpin(&mut Box::pin(tree_sum(&tree))), Poll::Ready(10));
}
// ANCHOR_END: kinds
