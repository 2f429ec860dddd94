"""Mobile push notifications."""
from __future__ import annotations

import logging
import time
from typing import Any

import httpx

from svc.config import settings

log = logging.getLogger(__name__)


class CircuitOpen(Exception):
    pass


class CircuitBreaker:
    """Opens after `threshold` consecutive failures, half-opens after `reset_after` seconds."""

    def __init__(self, threshold: int = 5, reset_after: float = 30.0) -> None:
        self._threshold = threshold
        self._reset_after = reset_after
        self._failures = 0
        self._opened_at: float | None = None

    def allow(self) -> bool:
        if self._opened_at is None:
            return True
        return time.monotonic() - self._opened_at >= self._reset_after

    def success(self) -> None:
        self._failures = 0
        self._opened_at = None

    def failure(self) -> None:
        self._failures += 1
        if self._failures >= self._threshold:
            self._opened_at = time.monotonic()


class PushClient:
    def __init__(self) -> None:
        self._http = httpx.AsyncClient(base_url=settings.push_api_url, timeout=httpx.Timeout(5.0, connect=2.0))
        self._breaker = CircuitBreaker()

    async def send(self, device_tokens: list[str], title: str, body: str, data: dict[str, Any]) -> bool:
        if not device_tokens:
            return True
        if not self._breaker.allow():
            raise CircuitOpen("push provider unavailable")
        try:
            response = await self._http.post(
                "/v1/send", json={"tokens": device_tokens, "title": title, "body": body, "data": data}
            )
            response.raise_for_status()
        except httpx.HTTPError:
            self._breaker.failure()
            raise
        self._breaker.success()
        return True

    async def aclose(self) -> None:
        await self._http.aclose()
