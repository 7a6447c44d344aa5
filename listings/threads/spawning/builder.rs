use std::thread;

// ANCHOR: builder
fn main() -> std::io::Result<()> {
    let worker = thread::Builder::new()
        .name("log-flusher".into())
        .stack_size(256 * 1024) // bytes; the default is platform-dependent
        .spawn(|| {
            let me = thread::current();
            format!("running as {:?}", me.name())
        })?; // creating the OS thread can fail: `spawn` returns `io::Result`

    assert_eq!(worker.join().unwrap(), r#"running as Some("log-flusher")"#);

    let cores = thread::available_parallelism()?;
    println!("this program may use {cores} threads in parallel");
    Ok(())
}
// ANCHOR_END: builder
