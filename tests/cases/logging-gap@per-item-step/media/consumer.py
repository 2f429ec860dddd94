"""Consumes transcode events from an in-process queue; each event is handled by a helper."""
import asyncio
import logging
from typing import Any

import httpx

logger = logging.getLogger(__name__)


class EventConsumer:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http
        self.queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue(maxsize=500)

    async def run(self) -> None:
        while True:
            event = await self.queue.get()
            await self._handle(event)
            await self._archive(event)
            self.queue.task_done()

    async def _handle(self, event: dict[str, Any]) -> None:
        await self._http.post("/videos/status", json={"id": event["id"], "state": event["state"]})
        try:
            await self._make_thumbnail(event["id"])
        except Exception:  # expect: logging-gap
            pass

    async def _archive(self, event: dict[str, Any]) -> None:
        try:
            await self._http.post("/archive", json=event)
        except Exception:
            logger.exception("archiving event %s failed", event.get("id"))

    async def _make_thumbnail(self, video_id: str) -> None:
        await self._http.post(f"/videos/{video_id}/thumbnail")


async def prune_once(http: httpx.AsyncClient) -> None:
    """Called once at shutdown, not per item: a failure there is the swallowed-exception rule's."""
    try:
        await http.delete("/scratch")
    except Exception:
        pass
