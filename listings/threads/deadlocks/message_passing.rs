use std::sync::mpsc::{self, Sender};
use std::thread::{self, JoinHandle};

// ANCHOR: teller
/// One thread owns every balance; others send it requests. Nothing is shared, so
/// there is no lock to hold, and no lock to wait for.
pub enum Request {
    Transfer {
        from: usize,
        to: usize,
        amount: i64,
        reply: Sender<bool>,
    },
    Balances {
        reply: Sender<Vec<i64>>,
    },
}

pub fn open_bank(mut accounts: Vec<i64>) -> (Sender<Request>, JoinHandle<()>) {
    let (requests, inbox) = mpsc::channel();
    let teller = thread::spawn(move || {
        // Ends when every `Sender` is dropped.
        for request in inbox {
            match request {
                Request::Transfer {
                    from,
                    to,
                    amount,
                    reply,
                } => {
                    let ok = from != to && accounts[from] >= amount;
                    if ok {
                        accounts[from] -= amount;
                        accounts[to] += amount;
                    }
                    let _ = reply.send(ok); // the client may have stopped waiting
                }
                Request::Balances { reply } => {
                    let _ = reply.send(accounts.clone());
                }
            }
        }
    });
    (requests, teller)
}

/// A client's view: send a request, wait for the teller's answer.
pub fn transfer(bank: &Sender<Request>, from: usize, to: usize, amount: i64) -> bool {
    let (reply, answer) = mpsc::channel();
    bank.send(Request::Transfer {
        from,
        to,
        amount,
        reply,
    })
    .unwrap();
    answer.recv().unwrap()
}
// ANCHOR_END: teller

pub fn balances(bank: &Sender<Request>) -> Vec<i64> {
    let (reply, answer) = mpsc::channel();
    bank.send(Request::Balances { reply }).unwrap();
    answer.recv().unwrap()
}

fn main() {
    let (bank, teller) = open_bank(vec![100, 50]);
    assert!(transfer(&bank, 0, 1, 30));
    assert!(!transfer(&bank, 1, 0, 500));
    assert_eq!(balances(&bank), [70, 80]);
    drop(bank);
    teller.join().unwrap();
}
