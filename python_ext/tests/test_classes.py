"""Objects of a `#[pyclass]` used from several Python threads: one holding a
`RefCell` (so declared `unsendable`), one holding an atomic."""

import threading
import unittest

import rust_primes


def from_threads(add_if_prime, threads: int, limit: int) -> list:
    """Each thread offers the numbers below `limit`; returns what each one raised."""
    raised = [None] * threads

    def offer(i: int) -> None:
        try:
            for n in range(limit):
                add_if_prime(n)
        except BaseException as error:
            raised[i] = error

    workers = [threading.Thread(target=offer, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return raised


class ClassesAcrossThreads(unittest.TestCase):
    def test_an_unsendable_object_refuses_other_threads(self):
        seen = rust_primes.PrimesSeen()
        seen.add_if_prime(7)  # the thread that created it: fine
        raised = from_threads(seen.add_if_prime, threads=2, limit=10)
        for error in raised:
            self.assertEqual(type(error).__name__, "PanicException")
            self.assertIn("PrimesSeen is unsendable, but sent to another thread", str(error))

    def test_an_atomic_counts_from_every_thread(self):
        counted = rust_primes.PrimesCounted()
        raised = from_threads(counted.add_if_prime, threads=4, limit=1_000)
        self.assertEqual(raised, [None] * 4)
        self.assertEqual(counted.count(), 4 * 168)


if __name__ == "__main__":
    unittest.main()
