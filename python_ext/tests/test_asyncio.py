"""asyncio and tokio await each other: tokio's waits come back to asyncio as one
future, and the coroutines tokio waits for run on the asyncio loop, which keeps
running meanwhile; and a program that used tokio exits cleanly. A test that hangs is
stopped after 10 s with its traceback."""

import asyncio
import concurrent.futures
import contextlib
import faulthandler
import io
import pathlib
import runpy
import subprocess
import sys
import unittest

import rust_primes
from awaits import released_by_the_loop  # examples/awaits.py

EXAMPLE = pathlib.Path(__file__).parents[1] / "examples" / "awaits.py"


class AsyncioAndTokio(unittest.TestCase):
    def setUp(self):
        faulthandler.dump_traceback_later(10, exit=True)

    def tearDown(self):
        faulthandler.cancel_dump_traceback_later()

    def test_asyncio_awaits_every_wait_tokio_ran(self):
        async def waits():
            return await rust_primes.wait_in_tokio(1_000, 0.01)

        self.assertEqual(asyncio.run(waits()), 1_000)

    def test_a_negative_wait_is_a_value_error(self):
        with self.assertRaises(ValueError):
            rust_primes.wait_in_tokio(1, -1.0)

    def test_tokio_awaits_coroutines_the_loop_runs(self):
        # Were the loop blocked while tokio waits, the event would never be set.
        self.assertEqual(asyncio.run(released_by_the_loop()), ["released", "slept"])

    def test_an_exception_in_a_coroutine_reaches_the_caller(self):
        async def failing():
            raise KeyError("from asyncio")

        async def awaited():
            return await rust_primes.await_from_tokio([asyncio.sleep(0), failing()])

        with self.assertRaises(KeyError):
            asyncio.run(awaited())

    def test_a_program_that_awaited_tokio_exits_cleanly(self):
        # Each program ends right after its last await, while tokio's threads may
        # still be finishing; two at a time, as a busy machine would run them.
        faulthandler.dump_traceback_later(60, exit=True)
        folder = str(pathlib.Path(rust_primes.__file__).parent)
        program = "\n".join([
            f"import sys; sys.path.insert(0, {folder!r})",
            "import asyncio, rust_primes",
            "async def main():",
            "    await rust_primes.await_from_tokio([rust_primes.wait_in_tokio(1000, 0.01)])",
            "asyncio.run(main())",
        ])

        def exit_status(_):
            return subprocess.run([sys.executable, "-I", "-c", program]).returncode

        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            statuses = list(pool.map(exit_status, range(10)))
        self.assertEqual(statuses, [0] * 10)

    def test_the_example_runs(self):
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            runpy.run_path(str(EXAMPLE), run_name="__main__")
        self.assertEqual(
            printed.getvalue().splitlines(),
            [
                "tokio finished 20000 waits; asyncio awaited them as one future",
                "tokio awaited ['released', 'slept']",
            ],
        )


if __name__ == "__main__":
    unittest.main()
