"""Four Python threads call the extension's prime counter at once, holding the GIL
and releasing it, and the module says how many calls were ever in progress at once.

    maturin develop && python3 examples/threads.py
"""

import threading

import rust_primes


# ANCHOR: threads
def call_from_threads(count_primes, limit: int, threads: int) -> list:
    """Each thread calls `count_primes(limit)` once; they start together."""
    results = [None] * threads
    start = threading.Barrier(threads)

    def call(i: int) -> None:
        start.wait()
        results[i] = count_primes(limit)

    workers = [threading.Thread(target=call, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return results
# ANCHOR_END: threads


if __name__ == "__main__":
    # ANCHOR: overlap
    for count in (rust_primes.count_primes_holding_gil, rust_primes.count_primes_releasing_gil):
        # Each call waits up to 0.2 s, inside Rust, for a second call to join it.
        rust_primes.reset_calls(wait_for_overlap=0.2)
        call_from_threads(count, 10_000, threads=4)
        print(f"{count.__name__}: {rust_primes.most_calls_at_once()} at once at most")
    # ANCHOR_END: overlap
