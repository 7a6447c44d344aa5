extern crate serde_json;

// ANCHOR: refused
fn main() {
    let factor = 3;
    let job = move |x: u64| x * factor;
    let bytes = serde_json::to_vec(&job); // send the job to a worker process?
    println!("{bytes:?}");
}
// ANCHOR_END: refused
