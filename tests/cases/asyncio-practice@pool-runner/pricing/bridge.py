"""Runs a coroutine function from sync code: in a pool thread, which has no running loop, or
inline once the pool is shut down; on a loop of its own driven in a background thread (a lambda
handed to `submit`); and a helper that starts a loop on the caller's thread."""
from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

POOL = ThreadPoolExecutor(max_workers=4)


def run_in_pool(corofn, *args):
    def run():
        return asyncio.run(corofn(*args))

    if getattr(POOL, "_shutdown", False):
        return run()
    return POOL.submit(run).result()


BACKGROUND = ThreadPoolExecutor(max_workers=1)
BACKGROUND_LOOP = asyncio.new_event_loop()


def run_on_background_loop(corofn, *args):
    return BACKGROUND.submit(lambda: BACKGROUND_LOOP.run_until_complete(corofn(*args))).result()


def run_here(corofn, *args):
    return asyncio.run(corofn(*args))  # expect: asyncio-practice


async def fetch_price(symbol: str) -> float:
    await asyncio.sleep(0)
    return 1.0


async def refresh_first(symbols: list[str]) -> float:
    return run_in_pool(fetch_price, symbols[0])


async def refresh_last(symbols: list[str]) -> float:
    return run_here(fetch_price, symbols[-1])


async def refresh_middle(symbols: list[str]) -> float:
    return run_on_background_loop(fetch_price, symbols[1])
