"""Four Python threads call the prime counter at once: holding the GIL, the calls
run one after another; releasing it, they overlap. The module counts the calls in
progress, so the tests read overlap from a counter, not from a clock."""

import contextlib
import io
import pathlib
import runpy
import unittest

import rust_primes
from threads import call_from_threads  # examples/threads.py

EXAMPLE = pathlib.Path(__file__).parents[1] / "examples" / "threads.py"

PRIMES_BELOW_10_000 = 1_229
THREADS = 4




class HoldingOrReleasingTheGil(unittest.TestCase):
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

    def test_the_example_shows_the_same(self):
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            runpy.run_path(str(EXAMPLE), run_name="__main__")
        holding, releasing = printed.getvalue().splitlines()
        self.assertEqual(holding, "count_primes_holding_gil: 1 at once at most")
        at_once = int(releasing.split(": ")[1].split()[0])
        self.assertGreaterEqual(at_once, 2, releasing)


if __name__ == "__main__":
    unittest.main()
