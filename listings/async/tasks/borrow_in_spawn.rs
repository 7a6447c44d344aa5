extern crate tokio;

// ANCHOR: refused
#[tokio::main]
async fn main() {
    let greeting = String::from("hello");
    // The task may outlive `main`'s stack frame, so it may not borrow `greeting`.
    let task = tokio::spawn(async { println!("{greeting}") });
    task.await.unwrap();
}
// ANCHOR_END: refused
