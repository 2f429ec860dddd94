"""Push notification gateway."""
from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from typing import Any

import httpx

from svc.config import Settings

logger = logging.getLogger(__name__)


@dataclass
class PushMessage:
    player_id: int
    title: str
    body: str
    data: dict[str, Any] = field(default_factory=dict)


class PushClient:
    def __init__(self, settings: Settings) -> None:
        self._http = httpx.AsyncClient(
            base_url=settings.push_base_url,
            timeout=httpx.Timeout(3.0),
            headers={"Authorization": f"Bearer {settings.push_api_key}"},
        )
        self._sem = asyncio.Semaphore(settings.push_concurrency)

    async def send(self, player_id: int, title: str, body: str, data: dict[str, Any] | None = None) -> None:
        resp = await self._http.post(
            "/v1/push",
            json={"recipient": str(player_id), "title": title, "body": body, "data": data or {}},
        )
        resp.raise_for_status()

    async def _send_limited(self, message: PushMessage) -> None:
        async with self._sem:
            await self.send(message.player_id, message.title, message.body, data=message.data)

    async def send_many(self, messages: list[PushMessage]) -> int:
        """Send a batch; returns how many failed. Concurrency is capped by the semaphore."""
        results = await asyncio.gather(*(self._send_limited(m) for m in messages), return_exceptions=True)
        failures = [r for r in results if isinstance(r, BaseException)]
        if failures:
            logger.warning("push batch: %d of %d failed (first: %r)", len(failures), len(messages), failures[0])
        return len(failures)

    async def aclose(self) -> None:
        await self._http.aclose()
