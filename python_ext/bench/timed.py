"""One timed case of Chapter 24's benchmark (bench_rust_in_python), in a process of
its own. Prints `seconds <time of the calls alone>` and `result <what they returned>`.

    python3 -I timed.py MODULE_DIR COUNTER THREADS LIMIT
        THREADS Python threads each count the primes below LIMIT with COUNTER
    python3 -I timed.py MODULE_DIR SUM CALLS COUNT
        CALLS calls of SUM, each adding up the numbers below COUNT
    python3 -I timed.py MODULE_DIR WAYS_TO_WAIT WAITS MILLISECONDS
        one asyncio.run of WAITS waits of MILLISECONDS each
"""

import array
import asyncio
import pathlib
import sys
import time

HERE = pathlib.Path(__file__).resolve().parent
sys.dont_write_bytecode = True
sys.path[:0] = [
    sys.argv[1],  # the module, built in release
    str(HERE.parent / "examples"),  # call_from_threads
    str(HERE.parents[1] / "listings/choosing/measured"),  # Chapter 21's pure-Python count
]

import rust_primes  # noqa: E402
from primes import count_range  # noqa: E402
from threads import call_from_threads  # noqa: E402

def count_primes_python(limit: int) -> int:
    return count_range(0, limit)


COUNTERS = {
    "python": count_primes_python,
    "holding": rust_primes.count_primes_holding_gil,
    "releasing": rust_primes.count_primes_releasing_gil,
    "rayon": rust_primes.count_primes_on_every_core,
}


# Each sum with the numbers as it takes them, made before the timing starts.
SUMS = {
    "python_sum": (sum, lambda numbers: numbers),
    "list": (rust_primes.sum_list, lambda numbers: numbers),
    "bytes": (rust_primes.sum_bytes, lambda numbers: array.array("Q", numbers).tobytes()),
}


async def asyncio_sleeps(waits: int, seconds: float) -> int:
    return len(await asyncio.gather(*(asyncio.sleep(seconds) for _ in range(waits))))


async def tokio_in_one_call(waits: int, seconds: float) -> int:
    return await rust_primes.wait_in_tokio(waits, seconds)


async def tokio_call_each(waits: int, seconds: float) -> int:
    calls = (rust_primes.wait_in_tokio(1, seconds) for _ in range(waits))
    return sum(await asyncio.gather(*calls))


WAYS_TO_WAIT = {
    "asyncio": asyncio_sleeps,
    "tokio_one_call": tokio_in_one_call,
    "tokio_call_each": tokio_call_each,
}


def main(case: str, first: int, second: int) -> None:
    if case in WAYS_TO_WAIT:
        started = time.perf_counter()
        result = asyncio.run(WAYS_TO_WAIT[case](first, second / 1000))
    elif case in COUNTERS:
        started = time.perf_counter()
        result = sum(call_from_threads(COUNTERS[case], second, threads=first))
    else:
        add_up, given_as = SUMS[case]
        numbers = given_as(list(range(second)))
        started = time.perf_counter()
        result = sum(add_up(numbers) for _ in range(first))
    print("seconds", time.perf_counter() - started)
    print("result", result)


if __name__ == "__main__":
    main(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
