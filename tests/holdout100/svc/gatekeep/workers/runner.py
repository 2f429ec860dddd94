from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from ..container import Container
from ..settings import get_settings

log = logging.getLogger(__name__)


async def supervise(name: str, factory: Callable[[], Awaitable[None]], *, max_delay: float = 60.0) -> None:
    """Run a long-lived coroutine forever, restarting it with capped backoff when it fails."""
    delay = 1.0
    while True:
        started = time.monotonic()
        try:
            await factory()
            log.warning("%s returned; restarting", name)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("%s crashed; restarting in %.0fs", name, delay)
        if time.monotonic() - started > 300:
            delay = 1.0
        await asyncio.sleep(delay)
        delay = min(delay * 2, max_delay)


async def run_periodic(name: str, interval: float, fn: Callable[[], Awaitable[object]]) -> None:
    while True:
        try:
            await fn()
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            log.exception("%s tick failed: %s", name, exc)
        await asyncio.sleep(interval)


@asynccontextmanager
async def worker_container() -> AsyncIterator[Container]:
    container = Container(get_settings())
    await container.start()
    try:
        yield container
    finally:
        await container.close()
