"""The crawler of Chapter 23 in Python, with the standard library alone: on asyncio
and its streams, or on a `ThreadPoolExecutor` with `urllib`. Fetches every page
reachable from START, at most LIMIT requests at once overall and PER_HOST at once
per host, each attempt with a deadline, retried with back-off, and reports the broken
links. Every request opens its own connection.

    python3 -I crawl.py asyncio|threads START LIMIT PER_HOST

prints `pages <fetched>`, `broken <links>`, `wall <seconds>`, `cpu <seconds>`,
`p50 <seconds>` and `p99 <seconds>` (how long a fetch took once admitted, retries
included), and `peak_kib <VmHWM>`.
"""

import asyncio
import random
import sys
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

TIMEOUT = 2.0  # seconds for one attempt
ATTEMPTS = 3
BACKOFF = 0.05  # seconds before the second attempt, doubled for each next one


class Links(HTMLParser):
    """The `href` of every `<a>` in a page."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.found += [value for name, value in attrs if name == "href" and value]


def links_in(page_url: str, body: str) -> list:
    parser = Links()
    parser.feed(body)
    return [urldefrag(urljoin(page_url, href))[0] for href in parser.found]


def where_next(url: str, referrer: str, answer: tuple, broken: list) -> list:
    """The links an answer leads to, each with the page that links to it; a broken
    link goes to `broken` instead, with the page that linked to it."""
    status, body, location = answer
    if location:
        return [(urljoin(url, location), referrer)]
    if status != 200:
        broken.append((url, status, referrer))
        return []
    return [(link, url) for link in links_in(url, body)]


# ANCHOR: asyncio_fetch
async def get(url: str) -> tuple:
    """One HTTP/1.1 GET over a new connection: (status, headers, body)."""
    parts = urlsplit(url)
    reader, writer = await asyncio.open_connection(parts.hostname, parts.port or 80)
    try:
        path = parts.path or "/"
        request = f"GET {path} HTTP/1.1\r\nHost: {parts.netloc}\r\nConnection: close\r\n\r\n"
        writer.write(request.encode())
        await writer.drain()
        head, _, body = (await reader.read()).partition(b"\r\n\r\n")
    finally:
        writer.close()
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in header_lines if ": " in line)
    return int(status_line.split()[1]), {k.lower(): v for k, v in headers.items()}, body


async def fetch_async(url: str) -> tuple:
    """(status or error, body, where it redirects): retried on a 5xx or a timeout."""
    for attempt in range(ATTEMPTS):
        if attempt:
            await asyncio.sleep(BACKOFF * 2 ** (attempt - 1) * random.uniform(0.5, 1.5))
        try:
            status, headers, body = await asyncio.wait_for(get(url), TIMEOUT)
        except (asyncio.TimeoutError, OSError) as error:
            outcome = type(error).__name__
            continue
        if status >= 500:
            outcome = status
            continue
        return status, body.decode("utf-8", "replace"), headers.get("location")
    return outcome, "", None
# ANCHOR_END: asyncio_fetch


# ANCHOR: asyncio_crawl
async def crawl_async(start: str, limit: int, per_host: int) -> dict:
    overall = asyncio.Semaphore(limit)
    hosts = {}  # host -> its semaphore
    seen = {start}
    broken = []
    latencies = []
    fetched = 0

    async def visit(url: str, referrer: str):
        nonlocal fetched
        host = urlsplit(url).netloc
        per = hosts.setdefault(host, asyncio.Semaphore(per_host))
        async with per, overall:  # the host's place first, as the Rust crawler
            started = time.perf_counter()
            answer = await fetch_async(url)
            latencies.append(time.perf_counter() - started)
        fetched += 1
        for link, linked_from in where_next(url, referrer, answer, broken):
            follow(link, linked_from)

    def follow(url: str, referrer: str):
        # Each page once, whatever its host.
        if url not in seen and urlsplit(url).scheme == "http":
            seen.add(url)
            tasks.add(asyncio.create_task(visit(url, referrer)))

    tasks = {asyncio.create_task(visit(start, ""))}
    while tasks:
        done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        tasks -= done
        for task in done:
            task.result()  # raises if a visit failed unexpectedly
    return {"pages": fetched, "broken": broken, "latencies": latencies}
# ANCHOR_END: asyncio_crawl


class NoRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects come back as they are, to be followed like any other link."""

    def redirect_request(self, *args):
        return None


OPENER = urllib.request.build_opener(NoRedirects)


# ANCHOR: threads_fetch
def fetch_blocking(url: str) -> tuple:
    """(status or error, body, where it redirects): retried on a 5xx or a timeout."""
    for attempt in range(ATTEMPTS):
        if attempt:
            time.sleep(BACKOFF * 2 ** (attempt - 1) * random.uniform(0.5, 1.5))
        try:
            with OPENER.open(url, timeout=TIMEOUT) as response:
                status, body, location = response.status, response.read(), None
        except urllib.error.HTTPError as error:
            status, body, location = error.code, b"", error.headers.get("location")
        except OSError as error:  # refused, reset, timed out
            outcome = type(error).__name__
            continue
        if status >= 500:
            outcome = status
            continue
        return status, body.decode("utf-8", "replace"), location
    return outcome, "", None
# ANCHOR_END: threads_fetch


# ANCHOR: threads_crawl
def crawl_threads(start: str, limit: int, per_host: int) -> dict:
    hosts = {}  # host -> its semaphore; only the main thread adds to it
    seen = {start}
    broken = []
    latencies = []
    fetched = 0

    def visit(url: str) -> tuple:
        with hosts[urlsplit(url).netloc]:
            started = time.perf_counter()
            answer = fetch_blocking(url)
            latencies.append(time.perf_counter() - started)  # list.append is atomic
            return answer

    with ThreadPoolExecutor(max_workers=limit) as pool:
        def follow(url: str, referrer: str):
            if url not in seen and urlsplit(url).scheme == "http":
                seen.add(url)
                hosts.setdefault(urlsplit(url).netloc, threading.Semaphore(per_host))
                pending[pool.submit(visit, url)] = (url, referrer)

        pending = {}
        hosts[urlsplit(start).netloc] = threading.Semaphore(per_host)
        pending[pool.submit(visit, start)] = (start, "")
        # The main thread alone reads the answers and decides what to fetch next.
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                url, referrer = pending.pop(future)
                fetched += 1
                for link, linked_from in where_next(url, referrer, future.result(), broken):
                    follow(link, linked_from)
    return {"pages": fetched, "broken": broken, "latencies": latencies}
# ANCHOR_END: threads_crawl


def report(crawl):
    """Runs `crawl(START, LIMIT, PER_HOST)` with the command line's and prints the report."""
    start, limit, per_host = sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    wall, cpu = time.perf_counter(), time.process_time()
    found = crawl(start, limit, per_host)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    latencies = sorted(found["latencies"])
    print("pages", found["pages"])
    print("broken", len(found["broken"]))
    print("wall", wall)
    print("cpu", cpu)
    print("p50", latencies[len(latencies) // 2])
    print("p99", latencies[min(len(latencies) - 1, len(latencies) * 99 // 100)])
    with open("/proc/self/status") as status:
        peak = next(line for line in status if line.startswith("VmHWM"))
    print("peak_kib", peak.split()[1])


if __name__ == "__main__":
    if sys.argv[1] == "asyncio":
        report(lambda start, limit, per_host: asyncio.run(crawl_async(start, limit, per_host)))
    else:
        report(crawl_threads)
