//! `cargo xtask draw`: draws each figure, `src/<part>/figures/<name>.bob`, into the
//! `<name>.svg` beside it, which is committed with it.
//!
//! The figures preprocessor ([`crate::figures`]) puts the drawn SVG in the page and
//! refuses a drawing older than its `.bob` file, so building the book needs no drawing
//! library. Drawing does: the `svgbob` crate, with the web crates it brings, is behind
//! xtask's `draw` feature, and `cargo xtask draw` builds xtask with it on first use.

use std::fs;
use std::path::{Path, PathBuf};

use crate::{Result, bench_sources, files_under};

/// A drawing as the preprocessor puts it in a page: the SVG and the height of the
/// `<div>` that holds it.
pub struct Drawn {
    pub height: String,
    pub svg: String,
}

/// The `.bob` files under `src/`, each in a `figures` folder.
pub fn sources(src: &Path) -> Vec<PathBuf> {
    files_under(src, "bob")
        .into_iter()
        .filter(|path| path.parent().is_some_and(|dir| dir.ends_with("figures")))
        .collect()
}

/// What identifies the text a drawing was made from: blank lines at its end do not
/// count, since a fenced block and the file it includes differ there.
pub fn fingerprint(drawing: &str) -> String {
    format!(
        "{:016x}",
        bench_sources::fnv1a(drawing.trim_end().as_bytes())
    )
}

/// The first line of a drawn file, which says where it comes from.
#[cfg(any(feature = "draw", test))]
fn header(bob: &Path, height: &str, drawing: &str) -> String {
    format!(
        "<!-- Drawn from {} by `cargo xtask draw`: edit that file and draw again. \
         height {height} source {} -->",
        bob.file_name().unwrap_or_default().to_string_lossy(),
        fingerprint(drawing)
    )
}

/// Reads a drawn file: the fingerprint of the text it was drawn from, and the drawing.
pub fn read(svg_file: &Path) -> Option<(String, Drawn)> {
    let text = fs::read_to_string(svg_file).ok()?;
    let (first, svg) = text.split_once('\n')?;
    let after = |key: &str| {
        let rest = first.split_once(&format!(" {key} "))?.1;
        rest.split_whitespace().next().map(str::to_owned)
    };
    let drawn = Drawn {
        height: after("height")?,
        svg: svg.trim_end().to_owned(),
    };
    Some((after("source")?, drawn))
}

/// `cargo xtask draw`: without the `draw` feature, builds and runs xtask with it.
#[cfg(not(feature = "draw"))]
pub fn command() -> Result {
    crate::run(
        "draw the figures (xtask with its `draw` feature)",
        crate::cargo()
            .args(["run", "--quiet", "--manifest-path", "xtask/Cargo.toml"])
            .args(["--target-dir", "target", "--features", "draw", "--", "draw"]),
    )
}

/// `cargo xtask draw`: draws every figure whose drawing is missing or older than its
/// `.bob` file, and deletes drawings whose `.bob` file is gone.
#[cfg(feature = "draw")]
pub fn command() -> Result {
    use crate::{root, shown};
    let src = root().join("src");
    let bobs = sources(&src);
    for bob in &bobs {
        let drawing =
            fs::read_to_string(bob).map_err(|e| format!("cannot read {}: {e}", shown(bob)))?;
        let svg_file = bob.with_extension("svg");
        let current = read(&svg_file).is_some_and(|(source, _)| source == fingerprint(&drawing));
        if current {
            continue;
        }
        let Drawn { height, svg } = draw(&drawing);
        let text = format!("{}\n{svg}\n", header(bob, &height, &drawing));
        fs::write(&svg_file, text)
            .map_err(|e| format!("cannot write {}: {e}", shown(&svg_file)))?;
        println!("    drew {}", shown(&svg_file));
    }
    for svg_file in files_under(&src, "svg") {
        let orphan = svg_file
            .parent()
            .is_some_and(|dir| dir.ends_with("figures"))
            && !bobs.contains(&svg_file.with_extension("bob"));
        if orphan {
            fs::remove_file(&svg_file)
                .map_err(|e| format!("cannot delete {}: {e}", shown(&svg_file)))?;
            println!("    deleted {} (its .bob file is gone)", shown(&svg_file));
        }
    }
    println!("    {} figures drawn and current", bobs.len());
    Ok(())
}

/// One drawing as mdbook-svgbob 0.3.1 drew it with book.toml's (empty) settings: the
/// library's defaults, but a transparent background and lines in the theme's text
/// colour; the SVG on one line.
#[cfg(feature = "draw")]
fn draw(drawing: &str) -> Drawn {
    let settings = svgbob::Settings {
        background: "transparent".into(),
        stroke_color: "var(--fg, black)".into(),
        ..svgbob::Settings::default()
    };
    let (svg, _width, height) =
        svgbob::CellBuffer::from(drawing).get_node_with_size::<()>(&settings);
    Drawn {
        height: height.to_string(),
        svg: svg.render_to_string().replace('\n', ""),
    }
}

/// Writes the drawn file of `bob` as `cargo xtask draw` would, from a given drawing.
#[cfg(test)]
pub fn write_for_test(bob: &Path, drawn: &Drawn) {
    let drawing = fs::read_to_string(bob).unwrap();
    let text = format!("{}\n{}\n", header(bob, &drawn.height, &drawing), drawn.svg);
    fs::write(bob.with_extension("svg"), text).unwrap();
}
