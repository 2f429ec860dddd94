from __future__ import annotations

import asyncio
import logging

from lifeline.clients.mqtt_bridge import Reading
from lifeline.services.container import Container

log = logging.getLogger(__name__)

BATCH_SIZE = 200
FLUSH_SECONDS = 2.0


class SensorIngest:
    """Drains the MQTT bridge queue into Postgres in small batches."""

    def __init__(self, container: Container) -> None:
        self._c = container
        self._queue = container.bridge.readings

    async def _next_batch(self) -> list[Reading]:
        first = await self._queue.get()
        batch = [first]
        deadline = asyncio.get_running_loop().time() + FLUSH_SECONDS
        while len(batch) < BATCH_SIZE:
            remaining = deadline - asyncio.get_running_loop().time()
            if remaining <= 0:
                break
            try:
                batch.append(await asyncio.wait_for(self._queue.get(), timeout=remaining))
            except asyncio.TimeoutError:
                break
        return batch

    async def run_forever(self) -> None:
        while True:
            batch = await self._next_batch()
            try:
                excursions = await self._c.cold_chain.ingest(batch)
                if excursions:
                    log.warning("%d excursion readings in batch of %d", excursions, len(batch))
            except Exception:
                log.warning("skipping sensor batch")
