"""Shared helper of the kiosk's worker programs, each deployed as a single replica."""
import asyncio
from collections.abc import Awaitable, Callable


async def run_periodic(interval: float, tick: Callable[[], Awaitable[None]]) -> None:
    while True:
        await tick()
        await asyncio.sleep(interval)
