"""Four Python threads call the prime counter at once: holding the GIL, the calls
run one after another; releasing it, they overlap. The module counts the calls in
progress, so the tests read overlap from a counter, not from a clock."""

import threading
import unittest

import rust_primes

PRIMES_BELOW_10_000 = 1_229
THREADS = 4


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


class HoldingOrReleasingTheGil(unittest.TestCase):
    # ANCHOR: overlap
    def test_calls_holding_the_gil_never_overlap(self):
        # Each call waits up to 0.2 s for another to join it. None can: the caller
        # holds the GIL, so no other thread runs Python to make a call.
        rust_primes.reset_calls(wait_for_overlap=0.2)
        found = call_from_threads(
            rust_primes.count_primes_holding_gil, 10_000, THREADS
        )
        self.assertEqual(found, [PRIMES_BELOW_10_000] * THREADS)
        self.assertEqual(rust_primes.most_calls_at_once(), 1)

    def test_calls_releasing_the_gil_overlap(self):
        # The 2 s only bound a failure: a second call arrives as soon as the first
        # has released the GIL and another thread has taken it.
        rust_primes.reset_calls(wait_for_overlap=2.0)
        found = call_from_threads(
            rust_primes.count_primes_releasing_gil, 10_000, THREADS
        )
        self.assertEqual(found, [PRIMES_BELOW_10_000] * THREADS)
        self.assertGreaterEqual(rust_primes.most_calls_at_once(), 2)
    # ANCHOR_END: overlap


if __name__ == "__main__":
    unittest.main()
