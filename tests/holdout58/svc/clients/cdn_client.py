"""Firmware object storage: presigned download URLs for devices."""
from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

import httpx

T = TypeVar("T")
logger = logging.getLogger(__name__)


class CircuitOpen(RuntimeError):
    pass


class CircuitBreaker:
    def __init__(self, name: str, failure_threshold: int = 5, reset_after: float = 30.0) -> None:
        self.name = name
        self._threshold = failure_threshold
        self._reset_after = reset_after
        self._failures = 0
        self._opened_at: float | None = None

    @property
    def state(self) -> str:
        if self._opened_at is None:
            return "closed"
        if time.monotonic() - self._opened_at >= self._reset_after:
            return "half-open"
        return "open"

    async def call(self, fn: Callable[..., Awaitable[T]], *args, **kwargs) -> T:
        if self.state == "open":
            raise CircuitOpen(self.name)
        try:
            result = await fn(*args, **kwargs)
        except Exception:
            self._failures += 1
            if self._failures >= self._threshold:
                if self._opened_at is None:
                    logger.warning("circuit %s opened after %d failures", self.name, self._failures)
                self._opened_at = time.monotonic()
            raise
        self._failures = 0
        self._opened_at = None
        return result


class FirmwareCDN:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(
            base_url=base_url,
            timeout=httpx.Timeout(10.0, connect=3.0),
            limits=httpx.Limits(max_connections=50, max_keepalive_connections=20),
        )
        self._breaker = CircuitBreaker("firmware-cdn", failure_threshold=5, reset_after=30.0)

    async def aclose(self) -> None:
        await self._http.aclose()

    async def presign(self, object_key: str, ttl_seconds: int = 3600) -> str:
        return await self._breaker.call(self._presign_with_retry, object_key, ttl_seconds)

    async def _presign_with_retry(self, object_key: str, ttl_seconds: int) -> str:
        for attempt in range(3):
            try:
                resp = await self._http.post("/v1/presign", json={"key": object_key, "ttl": ttl_seconds})
                resp.raise_for_status()
                return resp.json()["url"]
            except httpx.TransportError:
                if attempt == 2:
                    raise
                await asyncio.sleep(0.2 * 2**attempt)
        raise RuntimeError("unreachable")

    async def object_size(self, object_key: str) -> int:
        resp = await self._breaker.call(self._http.head, f"/objects/{object_key}")
        resp.raise_for_status()
        return int(resp.headers.get("content-length", "0"))
