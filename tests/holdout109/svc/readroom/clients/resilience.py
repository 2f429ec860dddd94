"""Shared HTTP clients, retry and circuit breaking for outbound integrations."""
from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

import httpx

from readroom.errors import CircuitOpen


_clients: dict[str, httpx.AsyncClient] = {}


def shared_client(name: str, base_url: str, *, timeout: float = 10.0, headers: dict | None = None) -> httpx.AsyncClient:
    client = _clients.get(name)
    if client is None:
        client = httpx.AsyncClient(
            base_url=base_url,
            timeout=httpx.Timeout(timeout, connect=3.0),
            headers=headers or {},
            limits=httpx.Limits(max_connections=50, max_keepalive_connections=20),
        )
        _clients[name] = client
    return client


async def close_all() -> None:
    for client in list(_clients.values()):
        await client.aclose()
    _clients.clear()


T = TypeVar("T")
log = logging.getLogger(__name__)


async def retry_async(
    fn: Callable[[], Awaitable[T]],
    *,
    attempts: int = 4,
    base_delay: float = 0.25,
    max_delay: float = 5.0,
    retry_on: tuple[type[BaseException], ...] = (Exception,),
) -> T:
    for attempt in range(1, attempts + 1):
        try:
            return await fn()
        except retry_on as exc:
            if attempt == attempts:
                raise
            delay = min(max_delay, base_delay * 2 ** (attempt - 1)) * (0.5 + random.random())
            log.info("retrying after %s (attempt %d/%d, %.2fs)", type(exc).__name__, attempt, attempts, delay)
            await asyncio.sleep(delay)
    raise AssertionError("unreachable")


class CircuitBreaker:
    def __init__(self, name: str, failure_threshold: int = 5, reset_after: float = 30.0) -> None:
        self.name = name
        self._threshold = failure_threshold
        self._reset_after = reset_after
        self._failures = 0
        self._opened_at: float | None = None
        self._lock = asyncio.Lock()

    @property
    def state(self) -> str:
        if self._opened_at is None:
            return "closed"
        if time.monotonic() - self._opened_at >= self._reset_after:
            return "half-open"
        return "open"

    async def call(self, fn: Callable[[], Awaitable[T]]) -> T:
        if self.state == "open":
            raise CircuitOpen(f"{self.name} circuit open")
        try:
            result = await fn()
        except Exception:
            async with self._lock:
                self._failures += 1
                if self._failures >= self._threshold:
                    if self._opened_at is None:
                        log.warning("circuit %s opened after %d failures", self.name, self._failures)
                    self._opened_at = time.monotonic()
            raise
        async with self._lock:
            self._failures = 0
            self._opened_at = None
        return result

    def snapshot(self) -> dict:
        return {"name": self.name, "state": self.state, "failures": self._failures}
