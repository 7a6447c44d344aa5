//! The browser check: every page of the built book (`book/`) loaded in one headless
//! Chromium, page after page in one tab, served over HTTP under the book's `site-url`
//! as GitHub Pages serves it. xtask drives Chromium over the DevTools protocol (the
//! `chromiumoxide` crate): it opens a page, waits for its `load` event, then reads the
//! page as its scripts left it. On the first page at each folder depth (the book's
//! root, a chapter's folder, and the 404 page served two folders deep) it also clicks
//! the search button and types a query key by key, as a reader would: every page
//! shares one search index and one script, found through the page's path to the
//! root, so the depth is what can break search on one page and not another. A page
//! fails when:
//! - it calls `console.error` or throws an exception nothing catches (`console.log`
//!   and the other levels are fine), except for the Playground being unreachable;
//! - it asks the server for a file the book does not have;
//! - it has no search button, or (where it is typed) the query lists no results;
//! - a code block shows no visible text (e.g. an anchor that no longer exists);
//! - a figure's caption is not followed right away by its drawing, or the drawing is
//!   empty.
//!
//! Two probe pages come first: one that logs an error and throws must fail, and one
//! that only logs must pass, or the check could not tell them apart and would pass
//! having checked nothing.
//!
//! The tab runs on virtual time, so an error a page's timer would raise seconds later
//! shows without waiting for it. Chromium reaches nothing but the local server: every
//! other host name fails to resolve, so the check gives the same answer online and
//! offline. Every wait is bounded: a page not done within `PAGE_TIMEOUT` stops the
//! check, naming the page.

use std::cell::Cell;
use std::collections::BTreeSet;
use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chromiumoxide::cdp::browser_protocol::emulation::{
    SetFocusEmulationEnabledParams, SetVirtualTimePolicyParams, VirtualTimePolicy,
};
use chromiumoxide::cdp::js_protocol::runtime::{
    ConsoleApiCalledType, EventConsoleApiCalled, EventExceptionThrown, RemoteObject,
};
use chromiumoxide::error::CdpError;
use chromiumoxide::listeners::EventStream;
use chromiumoxide::{Browser, BrowserConfig, Page};
use futures::{FutureExt, StreamExt};
use serde_json::Value;
use tokio::time::{sleep, timeout};

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

/// What the search box is asked; any page of the book matches it.
const SEARCH_QUERY: &str = "thread";

/// Pages not loaded: `toc.html` is the table of contents mdBook shows in a frame
/// only when JavaScript is off; it has no search box and no content of its own.
const SKIPPED_PAGES: &[&str] = &["toc.html"];

/// `404.html` is loaded the way a reader meets it, as the answer to a missing
/// address two folders deep: its styles and scripts load only if `site-url` is right.
const MISSING_PAGE: &str = "no/such/page.html";

/// A page the server adds. It always logs a line; opened with `?error`, it also logs
/// an error and throws.
const PROBE: (&str, &str) = (
    "browser-check-probe.html",
    "<!DOCTYPE html><html><head><link rel=\"icon\" href=\"data:,\"></head><body>\
     <pre><code>probe</code></pre><script>\
     console.log('browser check probe: log');\
     if (location.search === '?error') {\
         console.error('browser check probe: error');\
         throw new Error('browser check probe: exception');\
     }</script></body></html>",
);

/// A page not checked within this long stops the check (Chromium hung or died).
const PAGE_TIMEOUT: Duration = Duration::from_secs(60);

/// How long the search box may take to show what it found once the query is typed.
const SEARCH_TIMEOUT: Duration = Duration::from_secs(20);

/// Run in each page once its search is done. Returns how many code blocks the page
/// has, whether one of them is a Playground example, and what it found wrong.
const PAGE_CHECKS: &str = r#"() => {
    const problems = [];
    const blocks = [...document.querySelectorAll('pre > code')];
    const headings = [...document.querySelectorAll('h1[id], h2[id], h3[id], h4[id], h5[id], h6[id]')];
    blocks.forEach((code, i) => {
        // The text left once mdBook hides its hidden (`# `) lines.
        const shown = code.cloneNode(true);
        shown.querySelectorAll('.boring').forEach(line => line.remove());
        if (shown.textContent.trim() !== '') return;
        const before = headings.filter(h => h.compareDocumentPosition(code) & Node.DOCUMENT_POSITION_FOLLOWING).pop();
        problems.push(`code block ${i + 1} of the page (after ${before ? '#' + before.id : 'the top'}) shows nothing`);
    });
    for (const caption of document.querySelectorAll('.caption')) {
        const name = caption.textContent.split(':')[0];
        if (!name.startsWith('Figure ')) continue;
        // The caption's paragraph, then svgbob's `<div>` holding the drawing.
        const next = caption.parentElement.nextElementSibling;
        const drawing = next && next.querySelector(':scope > svg.svgbob');
        if (!drawing) {
            problems.push(`${name}: the element after its caption is not its drawing`);
        } else if (!drawing.querySelector('line, path, text, polygon')) {
            problems.push(`${name}: its drawing is empty`);
        }
    }
    if (document.querySelector('code.language-bob')) {
        problems.push('a `bob` block was shown as text, not drawn: is the figures preprocessor in book.toml?');
    }
    return { codeBlocks: blocks.length, playground: document.querySelector('.playground') !== null, problems };
}"#;

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
        mdbook::command(mdbook).arg("build"),
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

    // Each page with its address, and whether the search box is typed in there.
    let mut searched_depths = BTreeSet::new();
    let visits: Vec<(&String, &str, bool)> = pages
        .iter()
        .map(|page| {
            let address = match page.as_str() {
                "404.html" => MISSING_PAGE,
                page => page,
            };
            let search = searched_depths.insert(address.matches('/').count());
            (page, address, search)
        })
        .collect();
    let searched: Vec<&str> = (visits.iter())
        .filter(|&&(_, _, search)| search)
        .map(|&(page, _, _)| page.as_str())
        .collect();

    // Two tabs take pages from one list: Chromium renders each tab in a process of
    // its own, so the two machines' cores both work.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the async runtime: {e}"))?;
    let next = Cell::new(0);
    let outcomes = runtime.block_on(in_chromium(chrome, &profile_dir(), async |tabs| {
        tabs[0].check_probes(&server.base).await?;
        let check_pages = async |tab: &mut Tab| {
            let mut seen_pages = Vec::new();
            while let Some(&(page, address, search)) = visits.get(next.replace(next.get() + 1)) {
                let seen = tab
                    .visit(&format!("{}{address}", server.base), search)
                    .await
                    .map_err(|e| format!("book/{page}: {e}"))?;
                seen_pages.push((page, seen));
            }
            Ok::<_, String>(seen_pages)
        };
        let [first, second] = tabs;
        let (first, second) = futures::join!(check_pages(first), check_pages(second));
        Ok([first?, second?])
    }))?;
    let mut failures = Vec::new();
    let mut code_blocks_seen = 0;
    for (page, seen) in outcomes.into_iter().flatten() {
        code_blocks_seen += seen.code_blocks;
        if !seen.problems.is_empty() {
            failures.push((page, seen.problems));
        }
    }
    failures.sort();

    let missing_page = format!("{site_path}{MISSING_PAGE} ");
    let mut missing = server.take_missing();
    missing.retain(|request| !request.starts_with(&missing_page));
    // The whole book without a code block means the check looked at the wrong thing.
    let nothing_checked = only.is_empty() && code_blocks_seen == 0;
    if failures.is_empty() && missing.is_empty() && !nothing_checked {
        println!(
            "    every page loaded without a console error; typing in the search box found \
             results on {} (one page at each folder depth); {code_blocks_seen} code blocks, \
             none empty",
            searched.join(", ")
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

/// A new profile for each run: nothing cached from an earlier run, and no lock shared
/// with a Chromium running elsewhere on the machine.
fn profile_dir() -> PathBuf {
    root().join(format!(
        "target/browser-check/profile-{}",
        std::process::id()
    ))
}

/// Starts Chromium, runs `body` on two tabs of it, and closes it (killing it if it
/// does not close), whatever `body` returned.
async fn in_chromium<T>(
    chrome: &Path,
    profile: &Path,
    body: impl AsyncFnOnce(&mut [Tab; 2]) -> Result<T>,
) -> Result<T> {
    let _ = fs::remove_dir_all(profile);
    let config = BrowserConfig::builder()
        .chrome_executable(chrome)
        .new_headless_mode()
        // Chromium refuses to start as root (containers) with its sandbox, and
        // Ubuntu 24.04 forbids the namespaces it needs; the pages are our own.
        .no_sandbox()
        .disable_default_args()
        .args([
            "disable-gpu",
            "no-first-run",
            "disable-background-networking",
            "disable-component-update",
            "disable-sync",
            // Each page is left for `about:blank`; kept in the back-forward cache, the
            // pages already checked would go on costing CPU (about a quarter of the
            // check's).
            "disable-features=BackForwardCache",
        ])
        .arg(("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"))
        .user_data_dir(profile)
        .launch_timeout(PAGE_TIMEOUT)
        .request_timeout(PAGE_TIMEOUT)
        .build()?;
    let (mut browser, mut handler) = Browser::launch(config)
        .await
        .map_err(|e| format!("cannot start {}: {e}", chrome.display()))?;
    // The handler reads everything Chromium sends; it must run for any call to return.
    let connection = tokio::spawn(async move { while let Some(Ok(())) = handler.next().await {} });
    let tabs = async { Ok::<_, String>([Tab::open(&browser).await?, Tab::open(&browser).await?]) };
    let outcome = match timeout(PAGE_TIMEOUT, tabs).await {
        Ok(Ok(mut tabs)) => body(&mut tabs).await,
        Ok(Err(e)) => Err(e),
        Err(_) => Err(format!("no tabs opened within {PAGE_TIMEOUT:?}")),
    };
    if !matches!(timeout(PAGE_TIMEOUT, browser.close()).await, Ok(Ok(_))) {
        let _ = browser.kill().await;
    }
    let _ = timeout(PAGE_TIMEOUT, browser.wait()).await;
    connection.abort();
    let _ = fs::remove_dir_all(profile);
    outcome
}

/// The tab the pages are loaded in, and what their scripts say on the console.
struct Tab {
    page: Page,
    console: EventStream<EventConsoleApiCalled>,
    exceptions: EventStream<EventExceptionThrown>,
}

/// What one page showed.
struct Seen {
    messages: Vec<Message>,
    code_blocks: usize,
    problems: Vec<String>,
}

/// One line of a page's console: `console.error` and uncaught exceptions are errors;
/// `console.log`, `console.warn` and the rest are not.
struct Message {
    error: bool,
    /// `console.log: ...`, `console.error: ...`, `Uncaught Error: ...`.
    text: String,
    /// The script that wrote it, as `url:line`.
    source: String,
}

impl Tab {
    async fn open(browser: &Browser) -> Result<Tab> {
        let page = browser.new_page("about:blank").await.map_err(cdp)?;
        let tab = Tab {
            console: page.event_listener().await.map_err(cdp)?,
            exceptions: page.event_listener().await.map_err(cdp)?,
            page,
        };
        tab.use_virtual_time().await?;
        // Only one tab of a window has the focus; with this, each behaves as if it
        // had it (mdBook focuses the search box only on a focused page).
        let focus = SetFocusEmulationEnabledParams::new(true);
        tab.page.execute(focus).await.map_err(cdp)?;
        Ok(tab)
    }

    /// The probe pages: the log line of each must reach the check, and only the
    /// page that logs an error and throws may fail, with exactly those two problems.
    async fn check_probes(&mut self, base: &str) -> Result {
        let url = format!("{base}{}", PROBE.0);
        let quiet = self.visit(&url, false).await?;
        let loud = self.visit(&format!("{url}?error"), false).await?;
        let logged = |seen: &Seen| {
            seen.messages
                .iter()
                .any(|m| !m.error && m.text == "console.log: browser check probe: log")
        };
        let failed_on = |seen: &Seen, what: &str| seen.problems.iter().any(|p| p.contains(what));
        if logged(&quiet)
            && quiet.problems.is_empty()
            && quiet.code_blocks == 1
            && logged(&loud)
            && loud.problems.len() == 2
            && failed_on(&loud, "console.error: browser check probe: error")
            && failed_on(&loud, "Uncaught Error: browser check probe: exception")
        {
            return Ok(());
        }
        Err(format!(
            "the probe pages did not come out as they must, so the check would not see \
             failures. A page that only logs must pass, with its log line read and one code \
             block: it gave {:?} ({} code blocks, log line read: {}). One that logs an error \
             and throws must fail on both: it gave {:?}",
            quiet.problems,
            quiet.code_blocks,
            logged(&quiet),
            loud.problems
        ))
    }

    /// Loads `url`, runs the search box if `search`, checks the page, then leaves it
    /// for a blank page: once that has loaded, all the page's console lines are in.
    /// An error means the page could not be checked at all (it did not load, or
    /// Chromium did not answer in time): the check stops there.
    async fn visit(&mut self, url: &str, search: bool) -> Result<Seen> {
        timeout(PAGE_TIMEOUT, self.checked(url, search))
            .await
            .unwrap_or_else(|_| Err(format!("not checked within {PAGE_TIMEOUT:?}")))
    }

    async fn checked(&mut self, url: &str, search: bool) -> Result<Seen> {
        self.page
            .goto(url)
            .await
            .map_err(|e| format!("did not load: {}", cdp(e)))?;
        let searched = if search {
            search_box(&self.page).await
        } else {
            None
        };
        let checked: Value = self
            .page
            .evaluate(PAGE_CHECKS)
            .await
            .map_err(cdp)?
            .into_value()
            .map_err(|e| e.to_string())?;
        self.page.goto("about:blank").await.map_err(cdp)?;
        let messages = self.messages();
        let playground = checked["playground"].as_bool() == Some(true);
        let mut problems: Vec<String> = messages
            .iter()
            .filter(|m| m.error && !(playground && m.playground_unreachable()))
            .map(|m| format!("{} ({})", m.text, m.source))
            .collect();
        problems.extend(searched);
        problems.extend(
            checked["problems"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|problem| problem.as_str().map(str::to_owned)),
        );
        Ok(Seen {
            messages,
            code_blocks: checked["codeBlocks"].as_u64().unwrap_or(0) as usize,
            problems,
        })
    }

    /// Runs the tab on virtual time: when a page has nothing to do but wait for a
    /// timer, time jumps to it, so the errors a script would raise seconds later show
    /// while the page is checked. Time stands still while a request is pending, so a
    /// timer set to give up on a request cannot fire before the request ends.
    async fn use_virtual_time(&self) -> Result {
        let policy =
            SetVirtualTimePolicyParams::new(VirtualTimePolicy::PauseIfNetworkFetchesPending);
        self.page.execute(policy).await.map_err(cdp)?;
        Ok(())
    }

    /// The console lines that have arrived since the last call.
    fn messages(&mut self) -> Vec<Message> {
        let mut messages = Vec::new();
        while let Some(Some(call)) = self.console.next().now_or_never() {
            let text: Vec<String> = call.args.iter().map(shown).collect();
            let frame = call
                .stack_trace
                .as_ref()
                .and_then(|s| s.call_frames.first());
            messages.push(Message {
                error: call.r#type == ConsoleApiCalledType::Error,
                text: format!("console.{}: {}", call.r#type.as_ref(), text.join(" ")),
                source: frame.map_or(String::new(), |f| {
                    format!("{}:{}", f.url, f.line_number + 1)
                }),
            });
        }
        while let Some(Some(thrown)) = self.exceptions.next().now_or_never() {
            let details = &thrown.exception_details;
            let exception = details.exception.as_ref().map(shown).unwrap_or_default();
            messages.push(Message {
                error: true,
                // "Uncaught" or "Uncaught (in promise)", then the exception's first line.
                text: format!(
                    "{} {}",
                    details.text,
                    exception.lines().next().unwrap_or("")
                ),
                source: format!(
                    "{}:{}",
                    details.url.as_deref().unwrap_or(""),
                    details.line_number + 1
                ),
            });
        }
        messages
    }
}

impl Message {
    /// mdBook's `book.js` asks play.rust-lang.org which crates it has, on every page
    /// with a runnable example, and does not catch the failure when it cannot reach it.
    fn playground_unreachable(&self) -> bool {
        let script = self.source.rsplit('/').next().unwrap_or("");
        self.text == "Uncaught (in promise) TypeError: Failed to fetch"
            && script.starts_with("book-")
            && script.contains(".js:")
    }
}

/// Clicks the search button and types the query key by key, as a reader would; what
/// went wrong, if anything.
async fn search_box(page: &Page) -> Option<String> {
    let Ok(button) = page.find_element("#mdbook-search-toggle").await else {
        return Some("no search button on the page: is search enabled in book.toml?".into());
    };
    // mdBook focuses the box once its search is ready (on a large page, after loading
    // the index); keys typed before that are lost, as they would be for a reader, who
    // waits for the cursor. So: wait for the focus, then type.
    let focused =
        "() => document.activeElement && document.activeElement.id === 'mdbook-searchbar'";
    let typed = async {
        button.click().await?;
        loop {
            let ready: Value = page.evaluate(focused).await?.into_value()?;
            if ready == Value::Bool(true) {
                break;
            }
            sleep(Duration::from_millis(20)).await;
        }
        let input = page.find_element("#mdbook-searchbar").await?;
        input.type_str(SEARCH_QUERY).await?;
        Ok::<_, CdpError>(())
    };
    match timeout(SEARCH_TIMEOUT, typed).await {
        Ok(Ok(())) => {}
        Ok(Err(e)) => return Some(format!("cannot type in the search box: {}", cdp(e))),
        Err(_) => {
            return Some(format!(
                "the search box did not take the focus within {SEARCH_TIMEOUT:?} of a click \
                 on the search button"
            ));
        }
    }
    // mdBook writes "N search results for 'thread':" (or "No search results ...")
    // above the list once it has searched for the whole query.
    let results = async {
        loop {
            let shown: Value = page
                .evaluate(
                    "() => [document.getElementById('mdbook-searchresults-header').innerText, \
                     document.querySelectorAll('#mdbook-searchresults > li').length]",
                )
                .await?
                .into_value()?;
            let header = shown[0].as_str().unwrap_or("").to_owned();
            if header.contains(&format!("'{SEARCH_QUERY}'")) {
                return Ok::<_, CdpError>((header, shown[1].as_u64()));
            }
            sleep(Duration::from_millis(20)).await;
        }
    };
    match timeout(SEARCH_TIMEOUT, results).await {
        Ok(Ok((_, Some(count)))) if count > 0 => None,
        Ok(Ok((header, _))) => Some(format!(
            "typing \"{SEARCH_QUERY}\" in the search box listed no results (the page said: \"{header}\")"
        )),
        Ok(Err(e)) => Some(format!("cannot read the search results: {}", cdp(e))),
        Err(_) => {
            // What the reader would see: the text in the box, and the line above the list.
            let state: Value = page
                .evaluate(
                    "() => [document.getElementById('mdbook-searchbar').value, \
                     document.getElementById('mdbook-searchresults-header').innerText]",
                )
                .await
                .ok()
                .and_then(|shown| shown.into_value().ok())
                .unwrap_or_default();
            Some(format!(
                "typing \"{SEARCH_QUERY}\" in the search box showed no results within \
                 {SEARCH_TIMEOUT:?} (the box held {}; the page said {})",
                state[0], state[1]
            ))
        }
    }
}

/// A console argument or exception as the console shows it: strings as they are,
/// objects by their description (an exception's is its message and stack).
fn shown(object: &RemoteObject) -> String {
    match (&object.value, &object.description) {
        (Some(Value::String(text)), _) => text.clone(),
        (_, Some(description)) => description.clone(),
        (Some(value), None) => value.to_string(),
        (None, None) => format!("{:?}", object.r#type),
    }
}

fn cdp(error: CdpError) -> String {
    format!("Chromium: {error}")
}
