"""A load meter that starts its sampler on the current loop: once dropped, once kept."""
from __future__ import annotations

import asyncio


class Meter:
    def __init__(self) -> None:
        self.samples: list[float] = []
        self.sampler: asyncio.Task | None = None

    async def _sample(self, every: float) -> None:
        for _ in range(10):
            self.samples.append(asyncio.get_running_loop().time())
            await asyncio.sleep(every)

    def start(self, every: float) -> None:
        asyncio.get_event_loop().create_task(self._sample(every))  # expect: backpressure

    def start_kept(self, every: float) -> None:
        self.sampler = asyncio.get_event_loop().create_task(self._sample(every))
