extern crate tokio;

// ANCHOR: fairness
/// Two branches that are always ready, `rounds` times: how often each one wins.
pub async fn wins_by_default(rounds: u32) -> [u32; 2] {
    let mut wins = [0; 2];
    for _ in 0..rounds {
        tokio::select! {
            () = std::future::ready(()) => wins[0] += 1,
            () = std::future::ready(()) => wins[1] += 1,
        }
    }
    wins
}

/// The same with `biased;`: branches are polled top to bottom.
pub async fn wins_when_biased(rounds: u32) -> [u32; 2] {
    let mut wins = [0; 2];
    for _ in 0..rounds {
        tokio::select! {
            biased;
            () = std::future::ready(()) => wins[0] += 1,
            () = std::future::ready(()) => wins[1] += 1,
        }
    }
    wins
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let [first, second] = wins_by_default(1_000).await;
    // Each round starts at a random branch, so both win: the chance that one of
    // them never does in 1,000 rounds is 2 in 2^1000.
    assert!(first > 0 && second > 0, "{first} and {second}");
    assert_eq!(wins_when_biased(1_000).await, [1_000, 0]);
}
// ANCHOR_END: fairness
