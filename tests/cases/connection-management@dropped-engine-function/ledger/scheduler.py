"""A tiny in-process scheduler: each job's callable is run again every period."""
from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable


class Job:
    def __init__(self, name: str, fn: Callable[[], Awaitable[object]], interval_s: float) -> None:
        self.name = name
        self.fn = fn
        self.interval_s = interval_s

    async def run_forever(self) -> None:
        while True:
            await self.fn()
            await asyncio.sleep(self.interval_s)
