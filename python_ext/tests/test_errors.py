"""What crosses the boundary when something goes wrong: a Rust panic, and an
exception raised by a Python callback on one of rayon's threads."""

import threading
import unittest

import rust_primes


class ErrorsCrossTheBoundary(unittest.TestCase):
    def test_blocks_give_the_whole_count(self):
        for limit, block in ((10_000, 1_000), (10_001, 1_000), (10, 3), (0, 5)):
            self.assertEqual(
                rust_primes.count_primes_in_blocks(limit, block),
                rust_primes.count_primes_holding_gil(limit),
            )

    def test_a_panic_is_a_panic_exception_which_is_no_exception(self):
        with self.assertRaises(BaseException) as raised:
            rust_primes.count_primes_in_blocks(100, 0)
        panic = raised.exception
        self.assertEqual(type(panic).__name__, "PanicException")
        self.assertIn("divide by zero", str(panic))
        # Like SystemExit, it passes through `except Exception:`.
        self.assertNotIsInstance(panic, Exception)

    def test_a_callback_runs_on_rayon_s_threads_not_the_caller_s(self):
        ran_on = set()

        def keep(n: int) -> bool:
            ran_on.add(threading.get_ident())
            return n % 7 == 0

        self.assertEqual(rust_primes.keep_where(50, keep), list(range(0, 50, 7)))
        self.assertTrue(ran_on)
        self.assertNotIn(threading.get_ident(), ran_on)

    def test_an_exception_in_a_callback_is_the_call_s_exception(self):
        def keep(n: int) -> bool:
            if n == 13:
                raise ValueError("13 is unlucky")
            return True

        with self.assertRaisesRegex(ValueError, "13 is unlucky"):
            rust_primes.keep_where(100, keep)


if __name__ == "__main__":
    unittest.main()
