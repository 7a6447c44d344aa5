use std::rc::Rc;
use std::thread;

// ANCHOR: refused
fn main() {
    let config = Rc::new(String::from("verbose"));
    let for_worker = Rc::clone(&config);
    // `Rc<String>` cannot be sent between threads safely: its count is a plain integer.
    let worker = thread::spawn(move || println!("worker sees {for_worker}"));
    worker.join().unwrap();
}
// ANCHOR_END: refused
