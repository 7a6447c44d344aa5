//! Chapter 6: random transfers on several threads conserve money and never overdraw,
//! whichever deadlock-free design carries them out.

use std::thread;

use listings::threads::deadlocks::{message_passing, one_lock, ordered_transfer, try_lock_backoff};
use proptest::prelude::*;

const ACCOUNTS: usize = 5;

/// (from, to, amount) triples, including from == to and overdrafts.
fn transfers() -> impl Strategy<Value = Vec<(usize, usize, i64)>> {
    prop::collection::vec((0..ACCOUNTS, 0..ACCOUNTS, 0i64..150), 0..200)
}

/// Splits `transfers` over 4 threads and runs `transfer` on each.
fn on_four_threads(transfers: &[(usize, usize, i64)], transfer: impl Fn(usize, usize, i64) + Sync) {
    thread::scope(|s| {
        for part in transfers.chunks(transfers.len().div_ceil(4).max(1)) {
            let transfer = &transfer;
            s.spawn(move || {
                part.iter()
                    .for_each(|&(from, to, amount)| transfer(from, to, amount))
            });
        }
    });
}

fn assert_conserved(initial: &[i64], balances: &[i64]) -> Result<(), TestCaseError> {
    prop_assert_eq!(balances.iter().sum::<i64>(), initial.iter().sum::<i64>());
    prop_assert!(
        balances.iter().all(|&b| b >= 0),
        "overdrawn: {:?}",
        balances
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn ordered_locks(initial in prop::collection::vec(0i64..200, ACCOUNTS), transfers in transfers()) {
        let bank = ordered_transfer::Bank::new(&initial);
        on_four_threads(&transfers, |from, to, amount| { bank.transfer(from, to, amount); });
        assert_conserved(&initial, &bank.balances())?;
    }

    #[test]
    fn try_lock_with_backoff(initial in prop::collection::vec(0i64..200, ACCOUNTS), transfers in transfers()) {
        let bank = try_lock_backoff::Bank::new(&initial);
        on_four_threads(&transfers, |from, to, amount| { bank.transfer(from, to, amount, 100); });
        assert_conserved(&initial, &bank.balances())?;
    }

    #[test]
    fn one_coarse_lock(initial in prop::collection::vec(0i64..200, ACCOUNTS), transfers in transfers()) {
        let bank = one_lock::Bank::new(&initial);
        on_four_threads(&transfers, |from, to, amount| { bank.transfer(from, to, amount); });
        assert_conserved(&initial, &bank.balances())?;
    }

    #[test]
    fn message_passing_teller(initial in prop::collection::vec(0i64..200, ACCOUNTS), transfers in transfers()) {
        let (bank, teller) = message_passing::open_bank(initial.clone());
        on_four_threads(&transfers, |from, to, amount| {
            message_passing::transfer(&bank, from, to, amount);
        });
        let balances = message_passing::balances(&bank);
        drop(bank);
        teller.join().unwrap();
        assert_conserved(&initial, &balances)?;
    }

    /// One thread, so the outcome is deterministic: every design agrees with a plain
    /// sequential ledger, transfer by transfer.
    #[test]
    fn designs_agree_with_a_sequential_ledger(initial in prop::collection::vec(0i64..200, ACCOUNTS), transfers in transfers()) {
        let mut ledger = initial.clone();
        let ordered = ordered_transfer::Bank::new(&initial);
        let single = one_lock::Bank::new(&initial);
        for &(from, to, amount) in &transfers {
            let expected = from != to && ledger[from] >= amount;
            if expected {
                ledger[from] -= amount;
                ledger[to] += amount;
            }
            prop_assert_eq!(ordered.transfer(from, to, amount), expected);
            prop_assert_eq!(single.transfer(from, to, amount), expected);
        }
        prop_assert_eq!(ordered.balances(), ledger.clone());
        prop_assert_eq!(single.balances(), ledger);
    }
}
