"""Mobile push gateway (FCM-compatible HTTP API)."""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Any

import httpx

from svc.config import settings

logger = logging.getLogger(__name__)


@dataclass(slots=True)
class PushResult:
    token: str
    ok: bool
    unregistered: bool = False


class PushGatewayClient:
    def __init__(self, max_per_second: int = 500) -> None:
        self._http = httpx.AsyncClient(
            base_url=settings.push_base_url,
            headers={"Authorization": f"key={settings.push_api_key}"},
        )
        self._min_interval = 1.0 / max_per_second
        self._last_sent = 0.0

    def _throttle(self) -> None:
        elapsed = time.monotonic() - self._last_sent
        if elapsed < self._min_interval:
            time.sleep(self._min_interval - elapsed)
        self._last_sent = time.monotonic()

    async def send(self, token: str, title: str, body: str, data: dict[str, Any] | None = None) -> PushResult:
        self._throttle()
        message = {"message": {"token": token, "notification": {"title": title, "body": body}, "data": data or {}}}
        resp = await self._http.post("/messages:send", json=message)
        if resp.status_code in (404, 410):
            return PushResult(token, ok=False, unregistered=True)
        resp.raise_for_status()
        return PushResult(token, ok=True)

    async def aclose(self) -> None:
        await self._http.aclose()
