use std::sync::Arc;
use std::thread;

// ANCHOR: shared
fn main() {
    let config = Arc::new(String::from("verbose"));
    let workers: Vec<_> = (0..4)
        .map(|id| {
            let config = Arc::clone(&config); // an atomic increment
            thread::spawn(move || format!("worker {id} sees {config}"))
        })
        .collect();
    for worker in workers {
        println!("{}", worker.join().unwrap());
    }
    // Every clone has been dropped (an atomic decrement each): one handle is left.
    assert_eq!(Arc::strong_count(&config), 1);
}
// ANCHOR_END: shared
