"""What it costs to start something and wait for it to end: a thread, an asyncio
task, a process, a new interpreter.

    python3 -I starts.py WHAT COUNT

times one run of COUNT repetitions of WHAT (thread, task, process or interpreter)
and prints `<what> <seconds per item>` and the start method that multiprocessing
used. The garbage collector stays on, as in an ordinary program.
"""

import asyncio
import multiprocessing
import subprocess
import sys
import threading
import time


def nothing():
    pass


async def nothing_async():
    pass


# ANCHOR: starts
def thread():
    worker = threading.Thread(target=nothing)
    worker.start()
    worker.join()


def process():
    worker = multiprocessing.Process(target=nothing)
    worker.start()
    worker.join()


def interpreter():
    # -I: isolated from the user's environment variables and site-packages
    subprocess.run([sys.executable, "-I", "-c", "pass"], check=True)
# ANCHOR_END: starts


def per_item(start_and_wait, count: int) -> float:
    started = time.perf_counter()
    for _ in range(count):
        start_and_wait()
    return (time.perf_counter() - started) / count


async def task_per_item(count: int) -> float:
    started = time.perf_counter()
    for _ in range(count):
        await asyncio.create_task(nothing_async())
    return (time.perf_counter() - started) / count


if __name__ == "__main__":
    what, count = sys.argv[1], int(sys.argv[2])
    if what == "task":
        seconds = asyncio.run(task_per_item(count))  # the loop starts before the timing
    else:
        starts = {"thread": thread, "process": process, "interpreter": interpreter}
        seconds = per_item(starts[what], count)
    print(what, seconds)
    print("start_method", multiprocessing.get_start_method())
