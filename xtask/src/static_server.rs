//! A tiny HTTP server for the built book, so the browser check loads pages the way
//! GitHub Pages serves them: under the `site-url` sub-path, over HTTP, with
//! `404.html` for anything missing. Every request for a missing file is recorded
//! with the page that asked for it (its `Referer`), and the browser check fails on it.

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use crate::Result;

pub struct StaticServer {
    /// `http://127.0.0.1:<port><prefix>`, ending with `/`.
    pub base: String,
    missing: Arc<Mutex<Vec<String>>>,
}

impl StaticServer {
    /// Serves `dir` under `prefix` (e.g. `/concurrency-book/`) on a free local port,
    /// until the program ends, and `extra.1` at `prefix` + `extra.0`.
    pub fn start(
        dir: &Path,
        prefix: &str,
        extra: (&'static str, &'static str),
    ) -> Result<StaticServer> {
        let listener =
            TcpListener::bind("127.0.0.1:0").map_err(|e| format!("cannot listen: {e}"))?;
        let port = listener.local_addr().map_err(|e| e.to_string())?.port();
        let missing = Arc::new(Mutex::new(Vec::new()));
        let site = Arc::new(Site {
            dir: dir.to_path_buf(),
            prefix: prefix.to_owned(),
            extra,
            missing: Arc::clone(&missing),
        });
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let site = Arc::clone(&site);
                // One thread per connection: a handful of pages load at once.
                thread::spawn(move || site.answer(stream));
            }
        });
        Ok(StaticServer {
            base: format!("http://127.0.0.1:{port}{prefix}"),
            missing,
        })
    }

    /// The requests answered with 404 so far (`path (asked for by referer)`), emptied.
    pub fn take_missing(&self) -> Vec<String> {
        std::mem::take(&mut *self.missing.lock().unwrap())
    }
}

struct Site {
    dir: PathBuf,
    prefix: String,
    extra: (&'static str, &'static str),
    missing: Arc<Mutex<Vec<String>>>,
}

impl Site {
    fn answer(&self, stream: TcpStream) {
        // A browser may open a connection it never uses; do not keep a thread on it.
        let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
        let mut reader = BufReader::new(&stream);
        let mut request_line = String::new();
        if reader.read_line(&mut request_line).unwrap_or(0) == 0 {
            return;
        }
        let mut referer = String::new();
        loop {
            let mut header = String::new();
            if reader.read_line(&mut header).unwrap_or(0) == 0 || header.trim().is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':')
                && name.eq_ignore_ascii_case("referer")
            {
                referer = value.trim().to_owned();
            }
        }
        let mut words = request_line.split_whitespace();
        let (method, target) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
        let response = if method != "GET" {
            respond("405 Method Not Allowed", "text/plain", b"GET only".to_vec())
        } else {
            self.get(target, &referer)
        };
        let _ = (&stream).write_all(&response);
    }

    fn get(&self, target: &str, referer: &str) -> Vec<u8> {
        let path = target.split(['?', '#']).next().unwrap_or("");
        if path.strip_prefix(&self.prefix) == Some(self.extra.0) {
            return respond("200 OK", "text/html", self.extra.1.as_bytes().to_vec());
        }
        if let Some(file) = self.file_for(path)
            && let Ok(body) = fs::read(&file)
        {
            return respond("200 OK", content_type(&file), body);
        }
        self.missing
            .lock()
            .unwrap()
            .push(format!("{path} (asked for by {referer})"));
        // GitHub Pages answers a missing page with the site's 404.html.
        let body = fs::read(self.dir.join("404.html")).unwrap_or_default();
        respond("404 Not Found", "text/html; charset=utf-8", body)
    }

    /// The file under `dir` that `path` names, if `path` is under the prefix and
    /// does not climb out of `dir`.
    fn file_for(&self, path: &str) -> Option<PathBuf> {
        let relative = percent_decode(path.strip_prefix(&self.prefix)?);
        let mut file = self.dir.clone();
        for component in Path::new(&relative).components() {
            match component {
                Component::Normal(part) => file.push(part),
                Component::CurDir => {}
                _ => return None,
            }
        }
        if relative.is_empty() || relative.ends_with('/') {
            file.push("index.html");
        }
        file.is_file().then_some(file)
    }
}

fn respond(status: &str, content_type: &str, body: Vec<u8>) -> Vec<u8> {
    let mut response = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
         Connection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    response.extend(body);
    response
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "txt" | "md" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// `%20` and friends back to bytes; anything malformed is kept as written.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}
