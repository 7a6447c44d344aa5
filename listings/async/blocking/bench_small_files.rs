extern crate listings;
extern crate tokio;

use listings::async_rust::blocking::small_files::{
    read_on_rayon, read_one_by_one, read_with_tokio_fs, write_files,
};
use listings::measure::{METHOD, Table, interleaved, ratios_to, separated, spread};

// ANCHOR: small_files
/// Reads 5,000 files of 4 KiB, already in the page cache, in each of three ways.
fn main() -> std::io::Result<()> {
    const FILES: usize = 5_000;
    let folder = std::env::temp_dir().join(format!("bench-small-files-{}", std::process::id()));
    std::fs::create_dir_all(&folder)?;
    let paths = write_files(&folder, FILES, 4096)?;
    let expected = read_one_by_one(&paths)?; // also brings every file into the page cache
    let runtime = tokio::runtime::Runtime::new()?; // built once, outside the timing

    let ways = [
        "`std::fs`, one file after another",
        "rayon, `std::fs` on each thread",
        "`tokio::fs`, one task per file",
    ];
    let times = interleaved(ways.len(), |way| {
        let totals = match way {
            0 => read_one_by_one(&paths),
            1 => read_on_rayon(&paths),
            _ => runtime.block_on(read_with_tokio_fs(&paths)),
        };
        assert_eq!(totals.unwrap(), expected);
    });
    std::fs::remove_dir_all(&folder)?;

    let title = format!(
        "Reading {} files of 4 KiB from the page cache",
        separated(FILES as u64)
    );
    let columns = ["way", "all files", "per file", "ratio to the loop"];
    let mut table = Table::new("files", title, &columns, METHOD);
    let ratios = ratios_to(&times, 0);
    for ((way, samples), ratio) in ways.iter().zip(&times).zip(&ratios) {
        table.row(&[
            way,
            &spread(samples),
            &spread(&samples.each(FILES as u64)),
            ratio,
        ]);
    }
    table.print();
    Ok(())
}
// ANCHOR_END: small_files
