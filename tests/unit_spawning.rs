//! Chapter 4: fixed-input checks of the listings.

use std::thread;

use listings::threads::spawning::join_panic::panic_message;

#[test]
fn a_literal_panic_message_comes_back_from_join() {
    // `panic!` with a literal carries a `&'static str`, not a `String`.
    let payload = thread::spawn(|| panic!("disk full")).join().unwrap_err();
    assert!(payload.is::<&str>());
    assert_eq!(panic_message(payload.as_ref()), "disk full");
}
