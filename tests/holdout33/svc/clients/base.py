"""Shared plumbing for upstream clients: HTTP base class, circuit breaker, retry, ops alerts."""
from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import httpx

from ..errors import CircuitOpenError

log = logging.getLogger(__name__)

T = TypeVar("T")


class BaseHttpClient:
    name = "upstream"
    health_path = "/health"

    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    async def ping(self) -> bool:
        try:
            resp = await self._http.get(self.health_path, timeout=2.0)
        except httpx.TransportError:
            return False
        return resp.status_code < 500

    async def aclose(self) -> None:
        await self._http.aclose()


class CircuitBreaker:
    """Closed -> open after N consecutive failures; half-open after a cool-down."""

    def __init__(
        self,
        name: str,
        *,
        failure_threshold: int = 5,
        reset_timeout: float = 30.0,
        tracked: tuple[type[BaseException], ...] = (Exception,),
    ) -> None:
        self.name = name
        self._failure_threshold = failure_threshold
        self._reset_timeout = reset_timeout
        self._tracked = tracked
        self._failures = 0
        self._state = "closed"
        self._opened_at = 0.0

    async def call(self, fn: Callable[..., Awaitable[T]], *args: Any, **kwargs: Any) -> T:
        if self._state == "open":
            if time.monotonic() - self._opened_at < self._reset_timeout:
                raise CircuitOpenError(f"{self.name} circuit is open")
            self._state = "half_open"
        try:
            result = await fn(*args, **kwargs)
        except self._tracked:
            self._failures += 1
            if self._state == "half_open" or self._failures >= self._failure_threshold:
                if self._state != "open":
                    log.warning("circuit %s opened after %d failures", self.name, self._failures)
                self._state, self._opened_at = "open", time.monotonic()
            raise
        self._failures, self._state = 0, "closed"
        return result


async def retry_async(
    fn: Callable[..., Awaitable[T]],
    *args: Any,
    attempts: int = 3,
    base_delay: float = 0.2,
    max_delay: float = 5.0,
    retry_on: tuple[type[BaseException], ...] = (Exception,),
    **kwargs: Any,
) -> T:
    """Await ``fn`` up to ``attempts`` times with capped, jittered exponential backoff."""
    for attempt in range(1, attempts + 1):
        try:
            return await fn(*args, **kwargs)
        except retry_on as exc:
            if attempt == attempts:
                raise
            delay = min(max_delay, base_delay * 2 ** (attempt - 1)) * (0.5 + random.random() / 2)
            log.warning("attempt %d/%d failed (%r); retrying in %.2fs", attempt, attempts, exc, delay)
            await asyncio.sleep(delay)
    raise AssertionError("unreachable")


class OpsNotifier(BaseHttpClient):
    """Operational alerts to the on-call chat webhook."""

    name = "ops-webhook"

    def __init__(self, http: httpx.AsyncClient, webhook_url: str) -> None:
        super().__init__(http)
        self._url = webhook_url

    async def alert(self, text: str, **fields: Any) -> None:
        """Best effort: an undelivered alert must never fail the caller."""
        if not self._url:
            return
        payload = {"text": text, "fields": [{"title": k, "value": str(v), "short": True} for k, v in fields.items()]}
        try:
            resp = await self._http.post(self._url, json=payload)
            resp.raise_for_status()
        except httpx.HTTPError:
            log.warning("ops alert not delivered: %s", text, exc_info=True)
