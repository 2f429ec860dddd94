from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable
from typing import ParamSpec, TypeVar

import aiohttp
import httpx
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential_jitter

from svc.errors import CircuitOpenError, UpstreamError

P = ParamSpec("P")
T = TypeVar("T")

logger = logging.getLogger(__name__)

HEALTHY_RUN_S = 300.0

TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (
    httpx.TransportError,
    aiohttp.ClientConnectionError,
    TimeoutError,
    UpstreamError,
)

retry_transient = retry(
    retry=retry_if_exception_type(TRANSIENT_ERRORS),
    stop=stop_after_attempt(3),
    wait=wait_exponential_jitter(initial=0.2, max=3.0),
    reraise=True,
)


class CircuitBreaker:
    """Consecutive-failure breaker with a half-open probe after ``reset_timeout``."""

    def __init__(self, name: str, *, fail_max: int = 5, reset_timeout: float = 30.0) -> None:
        self.name = name
        self._fail_max = fail_max
        self._reset_timeout = reset_timeout
        self._failures = 0
        self._opened_at: float | None = None

    @property
    def is_open(self) -> bool:
        if self._opened_at is None:
            return False
        return time.monotonic() - self._opened_at < self._reset_timeout

    async def call(self, fn: Callable[P, Awaitable[T]], *args: P.args, **kwargs: P.kwargs) -> T:
        if self.is_open:
            raise CircuitOpenError(f"{self.name} is unavailable")
        try:
            result = await fn(*args, **kwargs)
        except Exception:
            self._failures += 1
            if self._failures >= self._fail_max:
                self._opened_at = time.monotonic()
                logger.warning("circuit %s opened after %d failures", self.name, self._failures)
            raise
        self._failures = 0
        self._opened_at = None
        return result


async def supervise(name: str, factory: Callable[[], Awaitable[None]], *, max_backoff: float = 60.0) -> None:
    """Run ``factory`` forever, restarting it with jittered exponential backoff when it fails."""
    backoff = 1.0
    while True:
        started = time.monotonic()
        try:
            await factory()
            logger.warning("worker %s returned; restarting", name)
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.exception("worker %s crashed", name)
        if time.monotonic() - started > HEALTHY_RUN_S:
            backoff = 1.0
        await asyncio.sleep(backoff + random.uniform(0, backoff / 2))
        backoff = min(backoff * 2, max_backoff)
