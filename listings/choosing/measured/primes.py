"""Count the primes below a limit by trial division: in one thread, on a pool of
threads, or on a pool of processes, started before the timed run or inside it.

    python3 -I primes.py WAY LIMIT WORKERS

times one run of WAY (sequential, threads, processes or processes_cold) and prints
`<way> <primes found> <seconds>`. The interpreter's own start, and the start of a
pool meant to be running already, stay out of the time.
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


def sequential(limit: int, workers: int) -> int:
    return count_range(0, limit)


def threads(limit: int, workers: int) -> int:
    """Threads started in the run, as Rust's scoped threads are."""
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return on_pool(pool, limit, workers)


def processes_cold(limit: int, workers: int) -> int:
    """A new pool: its start and its end are part of the run."""
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return on_pool(pool, limit, workers)


def timed(count, limit: int, workers: int) -> tuple:
    started = time.perf_counter()
    found = count(limit, workers)
    return found, time.perf_counter() - started


def one_run(way: str, limit: int, workers: int) -> tuple:
    """The primes that one run of `way` found, and its time in seconds."""
    if way == "processes":  # a pool started before the run, as a long-lived program has
        with ProcessPoolExecutor(max_workers=workers) as warm:
            on_pool(warm, workers * BLOCK, workers)  # starts every worker before timing
            return timed(lambda limit, workers: on_pool(warm, limit, workers), limit, workers)
    ways = {"sequential": sequential, "threads": threads, "processes_cold": processes_cold}
    return timed(ways[way], limit, workers)


if __name__ == "__main__":  # a process pool may import this file again
    way, limit, workers = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    found, seconds = one_run(way, limit, workers)
    print(way, found, seconds)
