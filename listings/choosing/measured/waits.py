"""COUNT waits of 100 ms at once: as asyncio tasks, or one thread each.

    python3 waits.py asyncio|threads COUNT

prints `wall <seconds>`, `starting <seconds>` (the part of it spent starting the
waits), `most_alive <most waits sleeping at once>`, `finished <waits done>`,
`peak_kib <VmHWM>`, and `error <message>` if not every wait could be started.
"""

import asyncio
import sys
import threading
import time

WAIT = 0.1  # seconds: each wait, and the ideal time for all of them at once


async def with_asyncio(count: int) -> dict:
    sleeping = most_sleeping = 0

    async def wait():
        nonlocal sleeping, most_sleeping
        sleeping += 1  # one thread runs every task: no lock needed
        most_sleeping = max(most_sleeping, sleeping)
        await asyncio.sleep(WAIT)  # the wait begins when the task first runs
        sleeping -= 1

    started = time.perf_counter()
    waiting = asyncio.gather(*(wait() for _ in range(count)))  # a task each
    starting = time.perf_counter() - started
    finished = len(await waiting)
    return {"starting": starting, "most_alive": most_sleeping, "finished": finished}


def with_threads(count: int) -> dict:
    lock = threading.Lock()
    sleeping = most_sleeping = finished = 0

    def wait():
        nonlocal sleeping, most_sleeping, finished
        with lock:
            sleeping += 1
            most_sleeping = max(most_sleeping, sleeping)
        time.sleep(WAIT)
        with lock:
            sleeping -= 1
            finished += 1

    started = time.perf_counter()
    threads, error = [], None
    for _ in range(count):
        thread = threading.Thread(target=wait)
        try:
            thread.start()
        except RuntimeError as e:  # "can't start new thread"
            error = f"{e} (after {len(threads)} threads)"
            break
        threads.append(thread)
    starting = time.perf_counter() - started
    for thread in threads:
        thread.join()
    return {
        "starting": starting,
        "most_alive": most_sleeping,
        "finished": finished,
        "error": error,
    }


def peak_kib(status_file: str = "/proc/self/status") -> int:
    """The process's peak resident memory (its high-water mark), as Linux reports it."""
    with open(status_file) as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])  # "VmHWM:     5124 kB"
    raise RuntimeError(f"no VmHWM line in {status_file}")


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
