"""COUNT waits of 100 ms at once: as asyncio tasks, or one thread each.

    python3 waits.py asyncio|threads COUNT

prints `wall <seconds>`, `starting <seconds>` (the part of it spent starting the
waits), `most_alive <waits under way at once>`, `peak_kib <VmHWM>`, and
`error <message>` if not every wait could be started.
"""

import asyncio
import sys
import threading
import time

WAIT = 0.1  # seconds: each wait, and the ideal time for all of them at once


async def with_asyncio(count: int) -> dict:
    started = time.perf_counter()
    # gather wraps each coroutine in a task; each sleep begins when its task first runs
    waiting = asyncio.gather(*(asyncio.sleep(WAIT) for _ in range(count)))
    starting = time.perf_counter() - started
    await waiting
    return {"starting": starting, "most_alive": count}


def with_threads(count: int) -> dict:
    started = time.perf_counter()
    threads, most_alive, error = [], 0, None
    for _ in range(count):
        thread = threading.Thread(target=time.sleep, args=(WAIT,))
        try:
            thread.start()
        except RuntimeError as e:  # "can't start new thread"
            error = f"{e} (after {len(threads)} threads)"
            break
        threads.append(thread)
        # early threads may be done before the last ones start
        most_alive = max(most_alive, threading.active_count() - 1)
    starting = time.perf_counter() - started
    for thread in threads:
        thread.join()
    return {"starting": starting, "most_alive": most_alive, "error": error}


def peak_kib() -> int:
    """This process's peak resident memory (high-water mark), from Linux."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])  # "VmHWM:     5124 kB"
    raise RuntimeError("no VmHWM line in /proc/self/status")


if __name__ == "__main__":
    how, count = sys.argv[1], int(sys.argv[2])
    started = time.perf_counter()
    if how == "asyncio":
        result = asyncio.run(with_asyncio(count))  # includes creating the event loop
    else:
        result = with_threads(count)
    result["wall"] = time.perf_counter() - started
    result["peak_kib"] = peak_kib()
    for name, value in result.items():
        if value is not None:
            print(name, value)
