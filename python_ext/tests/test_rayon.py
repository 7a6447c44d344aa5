"""One call spread over rayon's threads: the same count as one thread gives, and
while it runs, with the GIL released, the caller's other Python threads run too."""

import threading
import unittest

import rust_primes


class OneCallOnEveryCore(unittest.TestCase):
    def test_the_count_is_the_count_of_one_thread(self):
        for limit in (0, 1, 2, 3, 4, 100, 10_000):
            self.assertEqual(
                rust_primes.count_primes_on_every_core(limit),
                rust_primes.count_primes_holding_gil(limit),
            )

    def test_python_threads_run_while_rayon_counts(self):
        # The count waits up to 2 s for a second call to join it. Another Python
        # thread makes that call once it sees the count in progress, which it can
        # see only if it runs while the count runs.
        rust_primes.reset_calls(wait_for_overlap=2.0)
        counted = threading.Event()

        def join_the_count() -> None:
            while not counted.is_set():
                if rust_primes.calls_in_progress() > 0:
                    rust_primes.count_primes_releasing_gil(100)
                    return

        other = threading.Thread(target=join_the_count)
        other.start()
        found = rust_primes.count_primes_on_every_core(10_000)
        counted.set()
        other.join()
        self.assertEqual(found, 1_229)
        self.assertEqual(rust_primes.most_calls_at_once(), 2)


if __name__ == "__main__":
    unittest.main()
