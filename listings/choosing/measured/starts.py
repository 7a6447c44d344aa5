"""What it costs to start something and wait for it to end: a thread, an asyncio
task, a process, a new interpreter.

    python3 -I starts.py SCALE

prints `<what> <seconds per item>`, each the best of 3 runs of many repetitions
(SCALE multiplies the repetitions: 1 to measure, less to test), and the start method
that multiprocessing used. The garbage collector stays on, as in an ordinary program.
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
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        for _ in range(count):
            start_and_wait()
        best = min(best, time.perf_counter() - started)
    return best / count


async def task_per_item(count: int) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        for _ in range(count):
            await asyncio.create_task(nothing_async())
        best = min(best, time.perf_counter() - started)
    return best / count


if __name__ == "__main__":
    scale = float(sys.argv[1])
    repetitions = lambda n: max(1, int(n * scale))
    print("thread", per_item(thread, repetitions(1_000)), flush=True)
    print("task", asyncio.run(task_per_item(repetitions(20_000))), flush=True)
    print("process", per_item(process, repetitions(100)), flush=True)
    print("interpreter", per_item(interpreter, repetitions(20)), flush=True)
    print("start_method", multiprocessing.get_start_method())
