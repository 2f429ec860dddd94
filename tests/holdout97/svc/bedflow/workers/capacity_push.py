from __future__ import annotations

import asyncio
import logging

from ..container import Container

logger = logging.getLogger(__name__)

PUSH_INTERVAL_SECONDS = 900


class CapacityPushWorker:
    name = "capacity-push"

    def __init__(self, container: Container) -> None:
        self._capacity = container.capacity()

    async def run(self) -> None:
        while True:
            try:
                await self._capacity.push_snapshot()
            except Exception:
                logger.exception("capacity snapshot push failed")
            await asyncio.sleep(PUSH_INTERVAL_SECONDS)
