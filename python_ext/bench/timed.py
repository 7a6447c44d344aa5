"""One timed case of Chapter 24's benchmark (bench_rust_in_python), in a process of
its own: THREADS Python threads each count the primes below LIMIT with COUNTER.
Prints `seconds <time of the calls alone>` and `result <the counts added up>`.

    python3 -I timed.py MODULE_DIR COUNTER THREADS LIMIT
"""

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


def main(counter: str, threads: int, limit: int) -> None:
    started = time.perf_counter()
    result = sum(call_from_threads(COUNTERS[counter], limit, threads=threads))
    print("seconds", time.perf_counter() - started)
    print("result", result)


if __name__ == "__main__":
    main(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
