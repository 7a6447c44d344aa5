"""Count the primes below a limit by trial division: in one thread, on a pool of
threads, and on a pool of processes, started before the timed runs or inside each.

    python3 -I primes.py LIMIT WORKERS RUNS

prints one line per way, `<way> <primes found> <best time in seconds>`.
"""

import sys
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from math import isqrt

BLOCK = 1_000  # numbers per block
CHUNKS_PER_WORKER = 16  # blocks travel to a process in chunks: few messages, even shares


# ANCHOR: count
def is_prime(n: int) -> bool:
    """Trial division up to the square root, the same algorithm as the Rust `is_prime`."""
    if n < 2:
        return False
    for divisor in range(2, isqrt(n) + 1):
        if n % divisor == 0:
            return False
    return True


def count_range(start: int, stop: int) -> int:
    return sum(is_prime(n) for n in range(start, stop))
# ANCHOR_END: count


def on_pool(pool, limit: int, workers: int) -> int:
    """The blocks of numbers, counted on `pool`'s threads or processes."""
    starts = range(0, limit, BLOCK)
    stops = [min(start + BLOCK, limit) for start in starts]
    chunksize = max(1, len(starts) // (CHUNKS_PER_WORKER * workers))
    return sum(pool.map(count_range, starts, stops, chunksize=chunksize))


def best_times(limit: int, workers: int, runs: int) -> dict:
    """Each way's count and best time. The ways take turns, run after run, so that a
    moment when the machine is busy does not fall on one way only."""
    with ProcessPoolExecutor(max_workers=workers) as warm:
        on_pool(warm, workers * BLOCK, workers)  # starts every worker before timing

        def threads():  # threads start in each run, as Rust's scoped threads do
            with ThreadPoolExecutor(max_workers=workers) as pool:
                return on_pool(pool, limit, workers)

        def processes_cold():  # a new pool: its start is part of the run
            with ProcessPoolExecutor(max_workers=workers) as pool:
                return on_pool(pool, limit, workers)

        ways = {
            "sequential": lambda: count_range(0, limit),
            "threads": threads,
            "processes": lambda: on_pool(warm, limit, workers),
            "processes_cold": processes_cold,
        }
        found, best = {}, {}
        for _ in range(runs):
            for name, way in ways.items():
                started = time.perf_counter()
                found[name] = way()
                seconds = time.perf_counter() - started
                best[name] = min(seconds, best.get(name, seconds))
    return {name: (found[name], best[name]) for name in ways}


if __name__ == "__main__":  # a process pool may import this file again
    limit, workers, runs = (int(arg) for arg in sys.argv[1:4])
    for name, (found, seconds) in best_times(limit, workers, runs).items():
        print(name, found, seconds)
