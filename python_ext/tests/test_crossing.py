"""Numbers cross into Rust as a list, converted element by element, or as the bytes
of an `array.array('Q')`, borrowed: both give the sum Python computes."""

import array
import unittest

import rust_primes

NUMBERS = list(range(0, 3_000_000, 7))


class ListOrBytes(unittest.TestCase):
    def test_a_list_and_its_bytes_sum_as_python_does(self):
        as_bytes = array.array("Q", NUMBERS).tobytes()
        self.assertEqual(rust_primes.sum_list(NUMBERS), sum(NUMBERS))
        self.assertEqual(rust_primes.sum_bytes(as_bytes), sum(NUMBERS))

    def test_a_negative_int_does_not_fit_a_u64(self):
        with self.assertRaises(OverflowError):
            rust_primes.sum_list([1, -1])

    def test_bytes_that_are_not_whole_numbers_are_refused(self):
        with self.assertRaises(ValueError):
            rust_primes.sum_bytes(array.array("Q", [1, 2]).tobytes()[:-1])


if __name__ == "__main__":
    unittest.main()
