use std::thread;

// ANCHOR: spawn
fn main() {
    let words: Vec<String> = "spawn join scope".split(' ').map(String::from).collect();
    // `move` moves `words` into the thread: the thread may outlive this
    // function, so it cannot borrow from it.
    let counter = thread::spawn(move || words.iter().map(|w| w.len()).sum::<usize>());

    // `join` waits for the thread and hands back what its closure returned.
    let letters: usize = counter.join().unwrap();
    assert_eq!(letters, 14);
}
// ANCHOR_END: spawn
