use std::thread;

// ANCHOR: refused
fn main() {
    let mut hits: u64 = 0;
    thread::scope(|s| {
        s.spawn(|| hits += 1);
        s.spawn(|| hits += 1); // a second `&mut hits` while the first is alive
    });
    println!("{hits}");
}
// ANCHOR_END: refused
