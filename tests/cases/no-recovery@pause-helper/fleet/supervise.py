"""Restarting wrappers whose pause between attempts lives in a helper."""
import asyncio
import logging
from collections.abc import Awaitable, Callable

from redis.asyncio import Redis

log = logging.getLogger(__name__)


async def pause(stop: asyncio.Event, seconds: float) -> None:
    """Wait `seconds`, or less when asked to stop."""
    try:
        await asyncio.wait_for(stop.wait(), timeout=seconds)
    except asyncio.TimeoutError:
        pass


async def pause_and_report(redis: Redis, name: str, seconds: float) -> None:
    await redis.hset("restarts", name, seconds)
    await asyncio.sleep(seconds)


async def supervise(name: str, factory: Callable[[], Awaitable[None]], stop: asyncio.Event) -> None:
    delay = 1.0
    while not stop.is_set():
        try:
            await factory()
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("%s crashed", name)
        await pause(stop, delay)
        delay = min(delay * 2, 60.0)


async def supervise_reporting(redis: Redis, name: str, factory: Callable[[], Awaitable[None]]) -> None:
    delay = 1.0
    while True:
        try:
            await factory()
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("%s crashed", name)
        await pause_and_report(redis, name, delay)  # expect: no-recovery
        delay = min(delay * 2, 60.0)
