"""A small in-process timer: jobs are records handed to `register`, run by `loop`."""
import asyncio
from dataclasses import dataclass
from datetime import timedelta
from typing import Awaitable, Callable

import redis.asyncio as redis


@dataclass
class Timed:
    label: str
    run: Callable[[], Awaitable[None]]
    period: timedelta = timedelta(minutes=5)
    one_node: bool = False


class Timer:
    def __init__(self, client: redis.Redis) -> None:
        self._client = client
        self._entries: list[Timed] = []

    def register(self, entry: Timed) -> None:
        self._entries.append(entry)

    async def _fire(self, entry: Timed) -> None:
        if not entry.one_node:
            await entry.run()
            return
        async with self._client.lock(f"timer:{entry.label}", timeout=60, blocking=False) as got:
            if got:
                await entry.run()

    async def loop(self) -> None:
        while True:
            for entry in self._entries:
                await self._fire(entry)
            await asyncio.sleep(60)
