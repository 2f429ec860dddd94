"""Resynchronises subscribers after an upstream outage, and forwards outgoing events."""
from __future__ import annotations

import asyncio
import logging

import httpx

logger = logging.getLogger(__name__)


class Resyncer:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client
        self._task: asyncio.Task | None = None
        self._again = False
        self._outbox: asyncio.Queue[dict | None] = asyncio.Queue()

    def outage_ended(self) -> None:
        """One resync per outage; an outage ending during a resync asks the running one for another pass."""
        if self._task is not None and not self._task.done():
            self._again = True
            return
        self._task = asyncio.create_task(self._resync())

    async def _resync(self) -> None:
        try:
            while True:
                self._again = False
                await self._client.post("/subscribers/resync")
                await self._client.post("/subscribers/replay")
                if not self._again:
                    break
                logger.info("outage ended during the resync: one more pass")
        except Exception:
            logger.exception("resync failed")

    def send(self, event: dict) -> None:
        self._outbox.put_nowait(event)

    async def forward(self) -> None:
        while True:
            event = await self._outbox.get()
            if event is None:
                break
            await self._client.post("/events", json=event)  # expect: no-recovery
