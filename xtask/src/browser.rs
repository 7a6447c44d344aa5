//! The browser check: every page of the built book (`book/`) loaded in a real headless
//! Chromium, served over HTTP under the book's `site-url` as GitHub Pages serves it.
//!
//! For each page, Chromium runs the page's scripts (`--virtual-time-budget` lets
//! timers run without waiting in real time), prints every console message on stderr
//! (`--enable-logging=stderr`), and prints the DOM as the scripts left it
//! (`--dump-dom`). The page is opened with mdBook's `?search=` parameter, so its search
//! box runs a query as a reader's would. A page fails when:
//! - the console shows anything but the Playground being unreachable (the logging
//!   flags do not tell `console.log` from `console.error`, so any message counts);
//! - it asks the server for a file the book does not have;
//! - the search shows no results;
//! - a code block shows no visible text (e.g. an anchor that no longer exists).
//!
//! Chromium reaches nothing but the local server: every other host name fails to
//! resolve, so the check gives the same answer online and offline.

use std::env;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use crate::static_server::StaticServer;
use crate::{Result, files_under, mdbook, root, run, timed};

/// The names a Chromium-based browser goes by on Linux, tried in this order.
/// `CHROME=/path/to/browser` overrides them.
const BROWSERS: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
];

/// How to get one, for the message when none is found.
pub const INSTALL_HINT: &str = "install Chromium (Debian: `apt-get install chromium`; \
     Ubuntu: `apt-get install chromium-browser`) or Google Chrome, or set CHROME=/path/to/it";

/// What every page's search box is asked; any page of the book matches it.
const SEARCH_QUERY: &str = "thread";

/// Pages not loaded: `toc.html` is the table of contents mdBook shows in a frame
/// only when JavaScript is off; it has no search box and no content of its own.
const SKIPPED_PAGES: &[&str] = &["toc.html"];

/// `404.html` is loaded the way a reader meets it, as the answer to a missing
/// address two folders deep: its styles and scripts load only if `site-url` is right.
const MISSING_PAGE: &str = "no/such/page.html";

/// A page the server adds, loaded first: Chromium must report its console error and
/// print its DOM, or the check could not see a failure (say, a Chromium whose log
/// lines look different) and would pass having checked nothing.
const PROBE: (&str, &str) = (
    "browser-check-probe.html",
    "<!DOCTYPE html><html><head><link rel=\"icon\" href=\"data:,\"></head><body>\
     <pre><code>probe</code></pre>\
     <script>console.error('browser check probe')</script></body></html>",
);

/// A page that has not finished after this long fails (Chromium hung).
const PAGE_TIMEOUT: Duration = Duration::from_secs(60);

/// The checks run on each page's DOM after its scripts ran. Each returns what it
/// found wrong.
const DOM_CHECKS: &[fn(&str) -> Vec<String>] = &[search_results, code_blocks, figures];

/// Whether the browser check ran.
pub enum Ran {
    Yes,
    Skipped,
}

/// `cargo xtask browser [PAGE...]`: builds the book and runs the browser check alone,
/// on every page or on the pages named (paths under `book/`, e.g.
/// `threads/races.html`). Without a browser this is an error, not a skip.
pub fn command(only: &[String]) -> Result {
    build_book(&mdbook::installed()?)?;
    let chrome = find().ok_or_else(|| format!("no browser found: {INSTALL_HINT}"))?;
    browser_step(&chrome, only)
}

pub fn build_book(mdbook: &Path) -> Result {
    run(
        "book build (mdbook build)",
        Command::new(mdbook).arg("build"),
    )
}

/// The last step of `cargo xtask test`. Without a browser it is skipped with a line
/// saying so, unless `BOOK_REQUIRE_BROWSER` is set (as `.ci/run` does), so CI cannot
/// pass without it.
pub fn step() -> Result<Ran> {
    match find() {
        Some(chrome) => browser_step(&chrome, &[]).map(|()| Ran::Yes),
        None if env::var_os("BOOK_REQUIRE_BROWSER").is_some() => Err(format!(
            "BOOK_REQUIRE_BROWSER is set and no browser was found: {INSTALL_HINT}"
        )),
        None => {
            println!(
                "\n==> browser check SKIPPED: no Chromium or Chrome found; to run it, {INSTALL_HINT}"
            );
            Ok(Ran::Skipped)
        }
    }
}

fn browser_step(chrome: &Path, only: &[String]) -> Result {
    timed(
        "the built book in headless Chromium: console errors, search, code blocks, figures",
        || check(chrome, only),
    )
}

/// The browser to use, if any is installed.
pub fn find() -> Option<PathBuf> {
    if let Some(path) = env::var_os("CHROME") {
        return Some(path.into());
    }
    let path = env::var_os("PATH")?;
    BROWSERS.iter().find_map(|name| {
        env::split_paths(&path)
            .map(|dir| dir.join(name))
            .find(|file| file.is_file())
    })
}

fn check(chrome: &Path, only: &[String]) -> Result {
    let book = root().join("book");
    let site_path = site_path()?;
    let server = StaticServer::start(&book, &site_path, PROBE)?;
    let probe = load(chrome, &format!("{}{}", server.base, PROBE.0))?;
    if !probe
        .console
        .iter()
        .any(|m| m.contains("browser check probe"))
        || count_code_blocks(&probe.dom) != 1
    {
        return Err(format!(
            "Chromium did not report the console error of a test page, or did not print \
             its DOM, so the check cannot see failures. Console messages read: {:?}",
            probe.console
        ));
    }
    let pages: Vec<String> = files_under(&book, "html")
        .iter()
        .filter_map(|file| file.strip_prefix(&book).ok()?.to_str().map(str::to_owned))
        .filter(|page| !SKIPPED_PAGES.contains(&page.as_str()))
        .filter(|page| only.is_empty() || only.contains(page))
        .collect();
    if pages.len() < only.len().max(1) {
        return Err(format!(
            "{} of the pages to check found in book/ (asked for: {only:?})",
            pages.len()
        ));
    }
    println!(
        "    {} pages from {} in {}",
        pages.len(),
        server.base,
        chrome.display()
    );

    // One page at a time: two Chromiums at once on two cores were not measurably
    // faster (CONTRIBUTING.md), and one is kinder to a shared machine.
    let mut failures = Vec::new();
    let mut code_blocks_seen = 0;
    for page in &pages {
        let address = if page == "404.html" {
            MISSING_PAGE
        } else {
            page
        };
        let url = format!("{}{address}?search={SEARCH_QUERY}", server.base);
        let problems = match load(chrome, &url) {
            Ok(loaded) => {
                code_blocks_seen += count_code_blocks(&loaded.dom);
                loaded.problems()
            }
            Err(problem) => vec![problem],
        };
        if !problems.is_empty() {
            failures.push((page, problems));
        }
    }

    let missing_page = format!("{site_path}{MISSING_PAGE} ");
    let mut missing = server.take_missing();
    missing.retain(|request| !request.starts_with(&missing_page));
    // The whole book without a code block means the check looked at the wrong thing.
    let nothing_checked = only.is_empty() && code_blocks_seen == 0;
    if failures.is_empty() && missing.is_empty() && !nothing_checked {
        println!(
            "    every page loaded without a console error; search found results on each; \
             {code_blocks_seen} code blocks, none empty"
        );
        return Ok(());
    }
    let mut report = String::new();
    for (page, problems) in &failures {
        report.push_str(&format!("\n  book/{page}:"));
        for problem in problems {
            report.push_str(&format!("\n    - {problem}"));
        }
    }
    if !missing.is_empty() {
        report.push_str("\n  files the pages asked for that the book does not have:");
        for request in &missing {
            report.push_str(&format!("\n    - {request}"));
        }
    }
    if nothing_checked {
        report.push_str("\n  no page showed a single code block: the check would test nothing");
    }
    Err(format!(
        "the browser check failed ({} of {} pages with problems):{report}",
        failures.len(),
        pages.len()
    ))
}

/// The path part of `site-url` in book.toml (`/` when unset), where GitHub Pages
/// serves the book and where its 404 page looks for the book's files.
fn site_path() -> Result<String> {
    let config = fs::read_to_string(root().join("book.toml"))
        .map_err(|e| format!("cannot read book.toml: {e}"))?;
    let value = config.lines().find_map(|line| {
        let (key, value) = line.split_once('=')?;
        (key.trim() == "site-url").then(|| value.trim().trim_matches('"').to_owned())
    });
    let mut path = value.unwrap_or_else(|| "/".into());
    if !path.ends_with('/') {
        path.push('/');
    }
    Ok(path)
}

struct Loaded {
    dom: String,
    /// Every console message, as `"text", source: url (line)`.
    console: Vec<String>,
}

/// Runs Chromium on one page until it has dumped the page's DOM.
fn load(chrome: &Path, url: &str) -> std::result::Result<Loaded, String> {
    // A fresh profile for each page: nothing cached from another page or another run,
    // and no lock shared with a Chromium running elsewhere on the machine.
    static PROFILES: AtomicUsize = AtomicUsize::new(0);
    let profile = root().join(format!(
        "target/browser-check/profile-{}-{}",
        std::process::id(),
        PROFILES.fetch_add(1, Ordering::Relaxed)
    ));
    let loaded = load_with_profile(chrome, url, &profile);
    let _ = fs::remove_dir_all(&profile);
    loaded
}

fn load_with_profile(
    chrome: &Path,
    url: &str,
    profile: &Path,
) -> std::result::Result<Loaded, String> {
    let mut child = Command::new(chrome)
        .args([
            "--headless=new",
            // Chromium refuses to start as root (containers) with its sandbox, and
            // Ubuntu 24.04 forbids the namespaces it needs; the pages are our own.
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
            "--enable-logging=stderr",
            "--v=0",
            "--virtual-time-budget=10000",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", chrome.display()))?;
    let read_all = |mut pipe: Box<dyn Read + Send>| {
        thread::spawn(move || {
            let mut text = String::new();
            let _ = pipe.read_to_string(&mut text);
            text
        })
    };
    let stdout = read_all(Box::new(child.stdout.take().unwrap()));
    let stderr = read_all(Box::new(child.stderr.take().unwrap()));
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() < PAGE_TIMEOUT => {
                thread::sleep(Duration::from_millis(50))
            }
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("Chromium did not finish within {PAGE_TIMEOUT:?}"));
            }
        }
    };
    let (dom, log) = (stdout.join().unwrap(), stderr.join().unwrap());
    if !status.success() || !dom.contains("</html>") {
        return Err(format!(
            "Chromium failed ({status}) without printing the page; its log:\n{log}"
        ));
    }
    let console = log
        .lines()
        .filter_map(|line| {
            // `[pid:tid:time:INFO:CONSOLE:40] "text", source: url (40)`
            let (head, message) = line.split_once("] ")?;
            head.contains("CONSOLE").then(|| message.to_owned())
        })
        .collect();
    Ok(Loaded { dom, console })
}

impl Loaded {
    fn problems(&self) -> Vec<String> {
        let mut problems: Vec<String> = self
            .console
            .iter()
            .filter(|message| !self.playground_unreachable(message))
            .map(|message| format!("console: {message}"))
            .collect();
        for check in DOM_CHECKS {
            problems.extend(check(&self.dom));
        }
        problems
    }

    /// mdBook's `book.js` asks play.rust-lang.org which crates it has, on every page
    /// with a runnable example, and does not catch the failure when it cannot reach it.
    fn playground_unreachable(&self, message: &str) -> bool {
        let Some(source) =
            message.strip_prefix("\"Uncaught (in promise) TypeError: Failed to fetch\", source: ")
        else {
            return false;
        };
        let script = source.split(' ').next().unwrap_or("");
        let file = script.rsplit('/').next().unwrap_or("");
        file.starts_with("book-")
            && file.ends_with(".js")
            && self.dom.contains("class=\"playground\"")
    }
}

/// The page's search box, given `?search=`, lists at least one result.
fn search_results(dom: &str) -> Vec<String> {
    let Some(list) = element_after(dom, "id=\"mdbook-searchresults\"") else {
        return vec!["no search results list on the page: is search enabled in book.toml?".into()];
    };
    let list = &list[..list.find("</ul>").unwrap_or(list.len())];
    if list.contains("<li") {
        return Vec::new();
    }
    let header = element_after(dom, "id=\"mdbook-searchresults-header\"")
        .map(|rest| rest[..rest.find('<').unwrap_or(rest.len())].to_owned())
        .unwrap_or_default();
    vec![format!(
        "searching for \"{SEARCH_QUERY}\" listed no results (the page said: \"{header}\")"
    )]
}

/// Every `<pre><code>` block shows some text once the hidden lines are hidden.
fn code_blocks(dom: &str) -> Vec<String> {
    let mut problems = Vec::new();
    for (number, (offset, code)) in pre_code_blocks(dom).into_iter().enumerate() {
        if visible_text(code).trim().is_empty() {
            problems.push(format!(
                "code block {} of the page (after {}) shows nothing",
                number + 1,
                heading_before(&dom[..offset])
            ));
        }
    }
    problems
}

/// Every figure caption is followed by a drawing that svgbob rendered, with lines or
/// text in it, and no figure is left as a block of source.
fn figures(dom: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let mut offset = 0;
    while let Some(found) = dom[offset..].find("class=\"caption\">Figure ") {
        let at = offset + found;
        let caption = &dom[at + "class=\"caption\">".len()..];
        let name = caption.split([':', '<']).next().unwrap_or_default();
        let next_caption = dom[at + 1..]
            .find("class=\"caption\"")
            .map_or(dom.len(), |n| at + 1 + n);
        let drawing = dom[at..next_caption]
            .find("<svg")
            .map(|start| &dom[at + start..next_caption]);
        let drawn = drawing.is_some_and(|svg| {
            let svg = &svg[..svg.find("</svg>").unwrap_or(svg.len())];
            ["<line", "<path", "<text", "<polygon"]
                .iter()
                .any(|mark| svg.contains(mark))
        });
        if !drawn {
            problems.push(format!("{name}: no drawing follows its caption"));
        }
        offset = at + 1;
    }
    if dom.contains("language-bob") {
        problems.push(
            "a `bob` block was shown as text, not drawn: is mdbook-svgbob in book.toml?".into(),
        );
    }
    problems
}

fn count_code_blocks(dom: &str) -> usize {
    pre_code_blocks(dom).len()
}

/// Each `<code>` inside a `<pre>`: its offset in `dom` and its inner HTML.
fn pre_code_blocks(dom: &str) -> Vec<(usize, &str)> {
    let mut blocks = Vec::new();
    let mut offset = 0;
    while let Some(found) = dom[offset..].find("<pre") {
        let start = offset + found;
        let end = dom[start..].find("</pre>").map_or(dom.len(), |e| start + e);
        if let Some(code) = element_after(&dom[start..end], "<code") {
            blocks.push((start, &code[..code.find("</code>").unwrap_or(code.len())]));
        }
        offset = end;
    }
    blocks
}

/// The text just after the end of the tag in which `marker` first occurs.
fn element_after<'a>(html: &'a str, marker: &str) -> Option<&'a str> {
    let at = html.find(marker)?;
    let close = html[at..].find('>')?;
    Some(&html[at + close + 1..])
}

/// Text outside tags, leaving out what mdBook hides (`<span class="boring">`).
fn visible_text(html: &str) -> String {
    let mut text = String::new();
    let mut open_hidden: Vec<bool> = Vec::new();
    let mut rest = html;
    while !rest.is_empty() {
        if let Some(tag) = rest.strip_prefix('<') {
            let end = tag.find('>').unwrap_or(tag.len());
            let (inside, after) = (&tag[..end], tag.get(end + 1..).unwrap_or(""));
            if inside.starts_with('/') {
                open_hidden.pop();
            } else if !inside.ends_with('/') {
                open_hidden.push(inside.contains("class=\"boring\""));
            }
            rest = after;
        } else {
            let end = rest.find('<').unwrap_or(rest.len());
            if !open_hidden.contains(&true) {
                text.push_str(&rest[..end]);
            }
            rest = &rest[end..];
        }
    }
    text
}

/// The id of the last heading in `html`, to say where on the page a block is.
fn heading_before(html: &str) -> String {
    (1..=6)
        .filter_map(|level| {
            let tag = format!("<h{level} id=\"");
            let at = html.rfind(&tag)? + tag.len();
            let id = &html[at..at + html[at..].find('"')?];
            Some((at, id))
        })
        .max()
        .map_or("the top".into(), |(_, id)| format!("#{id}"))
}
