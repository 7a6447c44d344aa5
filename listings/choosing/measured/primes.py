"""Count the primes below a limit by trial division: in one thread, on a pool of
threads, and on a pool of processes.

    python3 primes.py LIMIT WORKERS RUNS

prints one line per way, `<way> <primes found> <best time in seconds>`.
"""

import sys
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

BLOCK = 1_000  # numbers per job handed to a pool


def is_prime(n: int) -> bool:
    """Trial division, the same algorithm as the Rust `is_prime`."""
    if n < 2:
        return False
    divisor = 2
    while divisor * divisor <= n:
        if n % divisor == 0:
            return False
        divisor += 1
    return True


def count_range(start: int, stop: int) -> int:
    return sum(is_prime(n) for n in range(start, stop))


def sequential(limit: int, workers: int) -> int:
    return count_range(0, limit)


def on_pool(pool_class, limit: int, workers: int) -> int:
    """Blocks of numbers go to `workers` threads or processes; the pool is part of the cost."""
    starts = range(0, limit, BLOCK)
    stops = [min(start + BLOCK, limit) for start in starts]
    with pool_class(max_workers=workers) as pool:
        return sum(pool.map(count_range, starts, stops))


def threads(limit: int, workers: int) -> int:
    return on_pool(ThreadPoolExecutor, limit, workers)


def processes(limit: int, workers: int) -> int:
    return on_pool(ProcessPoolExecutor, limit, workers)


def best_times(limit: int, workers: int, runs: int) -> dict:
    """Each way's count and best time. The ways take turns, run after run, so that a
    moment when the machine is busy does not fall on one way only."""
    found, best = {}, {}
    for _ in range(runs):
        for way in (sequential, threads, processes):
            name = way.__name__
            started = time.perf_counter()
            found[name] = way(limit, workers)
            seconds = time.perf_counter() - started
            best[name] = min(seconds, best.get(name, seconds))
    return {name: (found[name], best[name]) for name in best}


if __name__ == "__main__":  # a process pool may import this file again
    limit, workers, runs = (int(arg) for arg in sys.argv[1:4])
    for name, (found, seconds) in best_times(limit, workers, runs).items():
        print(name, found, seconds)
