use std::any::Any;
use std::thread;

// ANCHOR: panic
/// Turns the payload of a panic into the message it was raised with.
pub fn panic_message(payload: &(dyn Any + Send)) -> &str {
    if let Some(message) = payload.downcast_ref::<&str>() {
        message
    } else if let Some(message) = payload.downcast_ref::<String>() {
        message
    } else {
        "(a panic with a payload that is not a string)"
    }
}

fn main() {
    let parser = thread::spawn(|| -> u32 { "forty-two".parse().expect("not a number") });

    // The panic ended the thread, not the program: `join` reports it as an `Err`
    // carrying the panic's payload, and the caller decides what to do.
    let outcome = match parser.join() {
        Ok(value) => format!("parsed {value}"),
        Err(payload) => format!("the parser panicked: {}", panic_message(payload.as_ref())),
    };
    assert!(
        outcome.starts_with("the parser panicked: not a number"),
        "{outcome}"
    );
    println!("{outcome}");
}
// ANCHOR_END: panic
