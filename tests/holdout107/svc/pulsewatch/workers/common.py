from __future__ import annotations

import asyncio
import contextlib
import signal
import uuid
from typing import AsyncIterator, Awaitable, Callable

import structlog
from redis.asyncio import Redis

from pulsewatch.clients.retry import compute_backoff

log = structlog.get_logger(__name__)

_RELEASE_LOCK = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""


def install_signal_handlers(stop: asyncio.Event) -> None:
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)


async def sleep_or_stop(stop: asyncio.Event, seconds: float) -> bool:
    try:
        await asyncio.wait_for(stop.wait(), timeout=seconds)
        return True
    except asyncio.TimeoutError:
        return False


@contextlib.asynccontextmanager
async def redis_lock(redis: Redis, name: str, ttl_s: int) -> AsyncIterator[bool]:
    token = uuid.uuid4().hex
    key = f"pw:lock:{name}"
    acquired = bool(await redis.set(key, token, nx=True, ex=ttl_s))
    try:
        yield acquired
    finally:
        if acquired:
            await redis.eval(_RELEASE_LOCK, 1, key, token)


async def supervise(name: str, factory: Callable[[], Awaitable[None]], stop: asyncio.Event) -> None:
    attempt = 0
    while not stop.is_set():
        try:
            await factory()
            attempt = 0
            if not stop.is_set():
                log.warning("task.exited", task=name)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("task.crashed", task=name, attempt=attempt)
            attempt += 1
        if await sleep_or_stop(stop, compute_backoff(min(attempt, 6), base=1.0, cap=60.0)):
            break
