extern crate serde;
extern crate serde_json;
extern crate tokio;

use std::io::{self, BufWriter, Write};

use serde::Serialize;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

// ANCHOR: writer
/// One line of the crawl's output.
#[derive(Serialize, Debug)]
pub struct PageRecord {
    pub url: String,
    pub outcome: String,
    pub links: usize,
    pub linked_from: Option<String>,
}

/// Starts a writer on a thread of tokio's blocking pool: it writes each record it
/// receives as one line of JSON, and when every sender is gone it flushes and
/// returns how many lines it wrote.
pub fn start_writer(
    out: impl Write + Send + 'static,
) -> (mpsc::Sender<PageRecord>, JoinHandle<io::Result<usize>>) {
    let (records, mut received) = mpsc::channel::<PageRecord>(64);
    let written = tokio::task::spawn_blocking(move || {
        let mut out = BufWriter::new(out);
        let mut lines = 0;
        while let Some(record) = received.blocking_recv() {
            serde_json::to_writer(&mut out, &record)?;
            out.write_all(b"\n")?;
            lines += 1;
        }
        out.flush()?; // dropping a BufWriter flushes too, but ignores a failure
        Ok(lines)
    });
    (records, written)
}
// ANCHOR_END: writer

#[tokio::main]
async fn main() {
    let file = std::env::temp_dir().join(format!("crawl-{}.jsonl", std::process::id()));
    let (records, written) = start_writer(std::fs::File::create(&file).unwrap());
    for page in 0..3 {
        let record = PageRecord {
            url: format!("http://127.0.0.1:8001/{page}"),
            outcome: "200".to_string(),
            links: page,
            linked_from: None,
        };
        records.send(record).await.unwrap();
    }
    drop(records); // the writer's channel closes: it flushes and ends
    assert_eq!(written.await.unwrap().unwrap(), 3);
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::remove_file(&file).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[2]["links"], 2);
}
