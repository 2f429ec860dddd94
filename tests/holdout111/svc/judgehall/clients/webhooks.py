from __future__ import annotations

import asyncio
import logging
from typing import Any

import httpx

from judgehall.clients.resilience import transient_retry

log = logging.getLogger(__name__)


class WebhookNotifier:
    """Posts contest lifecycle events to an operator-configured endpoint."""

    def __init__(self, url: str | None) -> None:
        self.url = url
        self._http = httpx.AsyncClient(timeout=httpx.Timeout(5.0))
        self._tasks: set[asyncio.Task[None]] = set()

    def emit(self, event: str, payload: dict[str, Any]) -> None:
        if not self.url:
            return
        task = asyncio.create_task(self._deliver(event, payload))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _deliver(self, event: str, payload: dict[str, Any]) -> None:
        try:
            await self._post({"event": event, "data": payload})
        except httpx.HTTPError:
            log.warning("webhook delivery failed for %s", event, exc_info=True)

    @transient_retry
    async def _post(self, body: dict[str, Any]) -> None:
        resp = await self._http.post(self.url, json=body)
        resp.raise_for_status()

    async def aclose(self) -> None:
        if self._tasks:
            await asyncio.wait(self._tasks, timeout=5)
        await self._http.aclose()
