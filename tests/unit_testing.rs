//! Chapter 22: the ticket counter under shuttle's random scheduler, and `retry` on
//! tokio's paused clock with a gate the test opens.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use listings::testing::testing::retry::retry;
use tokio::sync::oneshot;
use tokio::time::Instant;

/// Listings 22-1 and 22-2 compiled a second time, on shuttle's atomics and threads.
/// Each listing takes `sync` and `thread` from `std` in one `use` line; inside these
/// modules the name `std` finds the module below: std, with those two replaced.
mod on_shuttle {
    pub mod std {
        pub use shuttle::{sync, thread};
    }

    #[allow(dead_code)]
    pub mod tickets_racy {
        use super::std;
        include!("../listings/testing/testing/tickets_racy.rs");
    }

    #[allow(dead_code)]
    pub mod tickets {
        use super::std;
        include!("../listings/testing/testing/tickets.rs");
    }
}

// ANCHOR: shuttle
use on_shuttle::{tickets, tickets_racy};
use shuttle::sync::Arc as SharedArc;
use shuttle::thread;

/// Three buyers take tickets until none are left; panics if one was sold twice.
fn sell_out<T: Send + Sync + 'static>(tickets: T, take: fn(&T) -> Option<u32>) {
    let tickets = SharedArc::new(tickets);
    let buyers: Vec<_> = (0..3)
        .map(|_| {
            let tickets = SharedArc::clone(&tickets);
            thread::spawn(move || std::iter::from_fn(|| take(&tickets)).collect::<Vec<_>>())
        })
        .collect();
    let mut sold: Vec<u32> = buyers
        .into_iter()
        .flat_map(|buyer| buyer.join().unwrap())
        .collect();
    sold.sort_unstable();
    if let Some(twice) = sold.windows(2).find(|pair| pair[0] == pair[1]) {
        panic!("ticket {} sold twice", twice[0]);
    }
    assert_eq!(sold, (0..6).collect::<Vec<_>>());
}

#[test]
#[should_panic(expected = "sold twice")]
fn shuttle_finds_a_ticket_sold_twice() {
    shuttle::check_random(
        || sell_out(tickets_racy::Tickets::new(6), tickets_racy::Tickets::take),
        100,
    );
}

#[test]
fn shuttle_finds_no_ticket_sold_twice_with_fetch_update() {
    shuttle::check_random(
        || sell_out(tickets::Tickets::new(6), tickets::Tickets::take),
        100,
    );
}
// ANCHOR_END: shuttle

fn ms(millis: u64) -> Duration {
    Duration::from_millis(millis)
}

// ANCHOR: paused
#[tokio::test(start_paused = true)]
async fn retry_waits_100_ms_then_200_ms() {
    let start = Instant::now();
    let mut attempts = Vec::new();
    let result: Result<(), _> = retry(3, ms(100), || {
        attempts.push(start.elapsed());
        async { Err("down") }
    })
    .await;
    assert_eq!(result, Err("down"));
    // Virtual time: exact, and no real time passes.
    assert_eq!(attempts, [ms(0), ms(100), ms(300)]);
}

#[tokio::test(start_paused = true)]
async fn a_slow_attempt_holds_back_the_next_one() {
    let (open, gate) = oneshot::channel::<()>();
    let gate = Arc::new(Mutex::new(Some(gate)));
    let attempts = Arc::new(AtomicU32::new(0));
    let start = Instant::now();
    let retrying = tokio::spawn({
        let attempts = Arc::clone(&attempts);
        retry(3, ms(100), move || {
            let attempt = attempts.fetch_add(1, Ordering::SeqCst) + 1;
            // The first attempt waits at the gate, then fails; the next one succeeds.
            let gate = gate.lock().unwrap().take();
            async move {
                match gate {
                    Some(gate) => {
                        gate.await.unwrap();
                        Err("failed")
                    }
                    None => Ok(attempt),
                }
            }
        })
    });
    // The test sleeps 10 s of virtual time: every timer due meanwhile fires, in order.
    // However long the first attempt takes, no second attempt starts meanwhile.
    tokio::time::sleep(Duration::from_secs(10)).await;
    assert_eq!(attempts.load(Ordering::SeqCst), 1);
    open.send(()).unwrap();
    assert_eq!(retrying.await.unwrap(), Ok(2));
    assert_eq!(start.elapsed(), Duration::from_secs(10) + ms(100));
}
// ANCHOR_END: paused
