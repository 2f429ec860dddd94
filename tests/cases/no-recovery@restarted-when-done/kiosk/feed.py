"""A kiosk camera feed: frames are read on demand, and an idle watcher trims what piles up."""
from __future__ import annotations

import asyncio
import time

import httpx


class Feed:
    def __init__(self, client: httpx.AsyncClient, idle_after: float) -> None:
        self._client = client
        self._idle_after = idle_after
        self._last_read = time.monotonic()
        self._watcher: asyncio.Task | None = None
        self._reporter: asyncio.Task | None = None
        self._reading = True

    async def next_frame(self) -> bytes:
        # runs for every frame: a watcher that died is started again with the next one
        self._last_read = time.monotonic()
        if not self._watcher or self._watcher.done():
            self._watcher = asyncio.create_task(self._watch_idle())
        response = await self._client.get("/frame")
        return response.content

    async def start(self) -> None:
        # a one-time start: the `done()` test only avoids a second reporter
        if not self._reporter or self._reporter.done():
            self._reporter = asyncio.create_task(self._report())

    async def _watch_idle(self) -> None:
        while self._reading:
            await asyncio.sleep(self._idle_after)
            if time.monotonic() - self._last_read >= self._idle_after:
                await self._client.post("/idle")

    async def _report(self) -> None:
        while self._reading:
            await self._client.post("/heartbeat")  # expect: no-recovery
            await asyncio.sleep(30)
