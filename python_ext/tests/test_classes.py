"""Objects of a `#[pyclass]` used from several Python threads: one holding a
`RefCell` (so declared `unsendable`), one holding an atomic."""

import unittest

import rust_primes
from threads import call_from_threads  # examples/threads.py


def offering(add_if_prime):
    """What a thread runs: it offers the numbers below a limit, and returns what it
    raised, or None."""

    def offer(limit: int):
        try:
            for n in range(limit):
                add_if_prime(n)
        except BaseException as error:
            return error
        return None

    return offer


class ClassesAcrossThreads(unittest.TestCase):
    def test_an_unsendable_object_refuses_other_threads(self):
        seen = rust_primes.PrimesSeen()
        seen.add_if_prime(7)  # the thread that created it: fine
        raised = call_from_threads(offering(seen.add_if_prime), 10, threads=2)
        for error in raised:
            self.assertEqual(type(error).__name__, "PanicException")
            self.assertIn("PrimesSeen is unsendable, but sent to another thread", str(error))

    def test_an_atomic_counts_from_every_thread(self):
        counted = rust_primes.PrimesCounted()
        raised = call_from_threads(offering(counted.add_if_prime), 1_000, threads=4)
        self.assertEqual(raised, [None] * 4)
        self.assertEqual(counted.count(), 4 * 168)


if __name__ == "__main__":
    unittest.main()
