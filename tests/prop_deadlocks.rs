//! Chapter 7: every deadlock-free design agrees with a sequential ledger, and random
//! transfers on several threads conserve money, never overdraw, and leave exactly
//! the balances that the transfers reported as done.

mod proptest_cases;

use std::thread;

use listings::threads::deadlocks::try_lock_backoff::Transfer;
use listings::threads::deadlocks::{message_passing, one_lock, ordered_transfer, try_lock_backoff};
use proptest::prelude::*;

const ACCOUNTS: usize = 5;

type Move = (usize, usize, i64);

/// (from, to, amount) triples, including from == to and overdrafts.
fn transfers() -> impl Strategy<Value = Vec<Move>> {
    prop::collection::vec((0..ACCOUNTS, 0..ACCOUNTS, 0i64..150), 0..200)
}

/// Splits `transfers` over up to 4 threads, runs `transfer` on each, and returns
/// every transfer with what it reported (`true`: the money moved).
fn on_four_threads(
    transfers: &[Move],
    transfer: impl Fn(usize, usize, i64) -> bool + Sync,
) -> Vec<(Move, bool)> {
    thread::scope(|s| {
        let parts: Vec<_> = transfers
            .chunks(transfers.len().div_ceil(4).max(1))
            .map(|part| {
                let transfer = &transfer;
                s.spawn(move || {
                    part.iter()
                        .map(|&(from, to, amount)| ((from, to, amount), transfer(from, to, amount)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        parts
            .into_iter()
            .flat_map(|part| part.join().unwrap())
            .collect()
    })
}

/// The final balances are the initial ones plus exactly the transfers reported as
/// done; so the total is conserved, and no balance may be negative.
fn assert_consistent(
    initial: &[i64],
    outcomes: &[(Move, bool)],
    balances: &[i64],
) -> Result<(), TestCaseError> {
    let mut expected = initial.to_vec();
    for &((from, to, amount), done) in outcomes {
        if done {
            expected[from] -= amount;
            expected[to] += amount;
        }
    }
    prop_assert_eq!(
        balances,
        &expected[..],
        "balances disagree with the transfers reported done"
    );
    prop_assert!(
        balances.iter().all(|&b| b >= 0),
        "overdrawn: {:?}",
        balances
    );
    Ok(())
}

proptest! {
    #![proptest_config(proptest_cases::cases(48))]

    #[test]
    fn ordered_locks(initial in prop::collection::vec(0i64..200, ACCOUNTS), transfers in transfers()) {
        let bank = ordered_transfer::Bank::new(&initial);
        let outcomes = on_four_threads(&transfers, |from, to, amount| bank.transfer(from, to, amount));
        assert_consistent(&initial, &outcomes, &bank.balances())?;
    }

    #[test]
    fn try_lock_with_backoff(initial in prop::collection::vec(0i64..200, ACCOUNTS), transfers in transfers()) {
        let bank = try_lock_backoff::Bank::new(&initial);
        let outcomes = on_four_threads(&transfers, |from, to, amount| {
            bank.transfer(from, to, amount, 100) == Transfer::Done
        });
        assert_consistent(&initial, &outcomes, &bank.balances())?;
    }

    #[test]
    fn one_coarse_lock(initial in prop::collection::vec(0i64..200, ACCOUNTS), transfers in transfers()) {
        let bank = one_lock::Bank::new(&initial);
        let outcomes = on_four_threads(&transfers, |from, to, amount| bank.transfer(from, to, amount));
        assert_consistent(&initial, &outcomes, &bank.balances())?;
    }

    #[test]
    fn message_passing_teller(initial in prop::collection::vec(0i64..200, ACCOUNTS), transfers in transfers()) {
        let (bank, teller) = message_passing::open_bank(initial.clone());
        let outcomes = on_four_threads(&transfers, |from, to, amount| {
            message_passing::transfer(&bank, from, to, amount)
        });
        let balances = message_passing::balances(&bank);
        drop(bank);
        teller.join().unwrap();
        assert_consistent(&initial, &outcomes, &balances)?;
    }

    /// One thread, so the outcome is deterministic: every design agrees with a plain
    /// sequential ledger, transfer by transfer.
    #[test]
    fn designs_agree_with_a_sequential_ledger(initial in prop::collection::vec(0i64..200, ACCOUNTS), transfers in transfers()) {
        let mut ledger = initial.clone();
        let ordered = ordered_transfer::Bank::new(&initial);
        let single = one_lock::Bank::new(&initial);
        let backoff = try_lock_backoff::Bank::new(&initial);
        let (teller, teller_thread) = message_passing::open_bank(initial.clone());
        for &(from, to, amount) in &transfers {
            let expected = from != to && ledger[from] >= amount;
            if expected {
                ledger[from] -= amount;
                ledger[to] += amount;
            }
            prop_assert_eq!(ordered.transfer(from, to, amount), expected, "ordered");
            prop_assert_eq!(single.transfer(from, to, amount), expected, "one lock");
            // Alone, a thread always gets the second lock at the first attempt.
            let outcome = if expected { Transfer::Done } else { Transfer::Refused };
            prop_assert_eq!(backoff.transfer(from, to, amount, 1), outcome, "back-off");
            prop_assert_eq!(message_passing::transfer(&teller, from, to, amount), expected, "teller");
        }
        prop_assert_eq!(ordered.balances(), ledger.clone());
        prop_assert_eq!(single.balances(), ledger.clone());
        prop_assert_eq!(backoff.balances(), ledger.clone());
        prop_assert_eq!(message_passing::balances(&teller), ledger);
        drop(teller);
        teller_thread.join().unwrap();
    }
}
