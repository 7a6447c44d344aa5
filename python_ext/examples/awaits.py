"""asyncio awaits waits that tokio runs, and tokio awaits coroutines that asyncio runs.

    maturin develop && python3 examples/awaits.py
"""

import asyncio

import rust_primes


# ANCHOR: awaits
async def released_by_the_loop() -> list:
    """tokio waits for a coroutine that ends only when another task of this loop sets
    an event: it ends because the loop keeps running while tokio waits."""
    ready = asyncio.Event()

    async def once_ready() -> str:
        await ready.wait()
        return "released"

    waiting = asyncio.ensure_future(
        rust_primes.await_from_tokio([once_ready(), asyncio.sleep(0.01, result="slept")])
    )
    asyncio.get_running_loop().call_soon(ready.set)
    return await waiting


async def main() -> None:
    waited = await rust_primes.wait_in_tokio(20_000, 0.1)
    print(f"tokio finished {waited} waits; asyncio awaited them as one future")
    print(f"tokio awaited {await released_by_the_loop()}")
# ANCHOR_END: awaits


if __name__ == "__main__":
    asyncio.run(main())
