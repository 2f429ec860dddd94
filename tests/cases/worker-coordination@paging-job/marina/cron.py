"""A tiny in-process scheduler: jobs are kept, one loop runs those that are due."""
import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass


@dataclass
class Entry:
    name: str
    period_s: float
    run: Callable[[], Awaitable[object]]
    next_at: float = 0.0


class Cron:
    def __init__(self) -> None:
        self._entries: list[Entry] = []

    def register(self, name: str, period_s: float, run: Callable[[], Awaitable[object]]) -> None:
        self._entries.append(Entry(name, period_s, run))

    async def loop(self) -> None:
        while True:
            now = time.monotonic()
            for entry in self._entries:
                if entry.next_at <= now:
                    entry.next_at = now + entry.period_s
                    await entry.run()
            await asyncio.sleep(1)
