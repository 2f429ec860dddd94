"""Drains sampled driver positions from the in-process queue into postgres in batches."""
from __future__ import annotations

import asyncio
import logging

from svc.repositories.location_repo import LocationRepository

logger = logging.getLogger(__name__)

BATCH_SIZE = 500
FLUSH_EVERY_S = 2.0


class LocationFlusher:
    def __init__(self, queue: asyncio.Queue, locations: LocationRepository) -> None:
        self.queue = queue
        self.locations = locations

    async def _next_batch(self) -> list[tuple]:
        batch = [await self.queue.get()]
        loop = asyncio.get_running_loop()
        deadline = loop.time() + FLUSH_EVERY_S
        while len(batch) < BATCH_SIZE:
            remaining = deadline - loop.time()
            if remaining <= 0:
                break
            try:
                batch.append(await asyncio.wait_for(self.queue.get(), timeout=remaining))
            except asyncio.TimeoutError:
                break
        return batch

    async def _consume(self) -> None:
        while True:
            batch = await self._next_batch()
            await self.locations.append_history(batch)

    async def run_forever(self) -> None:
        while True:
            try:
                await self._consume()
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("location flusher crashed; restarting")
