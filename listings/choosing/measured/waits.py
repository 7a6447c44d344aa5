"""COUNT waits of 100 ms at once: as asyncio tasks (on asyncio's own event loop, or on
uvloop's if it is installed), or one thread each.

    python3 -I waits.py asyncio|uvloop|threads COUNT

prints `wall <seconds>`, `starting <seconds>` (the part of it spent starting the
waits), `most_alive <most waits sleeping at once>`, `finished <waits done>`,
`peak_kib <VmHWM>`, the event loop's class as `loop <module.class>`, and
`error <message>` if not every wait could be started.
"""

import asyncio
import sys
import threading
import time

WAIT = 0.1  # seconds: each wait, and the ideal time for all of them at once


# ANCHOR: asyncio_waits
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
# ANCHOR_END: asyncio_waits
    loop = type(asyncio.get_running_loop())
    return {
        "starting": starting,
        "most_alive": most_sleeping,
        "finished": finished,
        "loop": f"{loop.__module__}.{loop.__name__}",
    }


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
    error = None
    for spawned in range(count):
        try:
            # No reference is kept, as Listing 21-5 keeps no handle: a thread that has
            # finished leaves nothing behind.
            threading.Thread(target=wait).start()
        except RuntimeError as e:  # "can't start new thread"
            error = f"{e} (after {spawned} threads)"
            break
    starting = time.perf_counter() - started
    for thread in threading.enumerate():  # the threads still running
        if thread is not threading.current_thread():
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
    elif how == "uvloop":
        import uvloop  # not in the standard library: the benchmark checks for it first

        result = uvloop.run(with_asyncio(count))
    else:
        result = with_threads(count)
    result["wall"] = time.perf_counter() - started
    result["peak_kib"] = peak_kib()
    for name, value in result.items():
        if value is not None:
            print(name, value)
