"""Keeps long-running background coroutines alive, and elects a leader for singleton jobs."""
from __future__ import annotations

import asyncio
import itertools
import logging
import uuid
from collections.abc import Awaitable, Callable

import redis.asyncio as redis

logger = logging.getLogger(__name__)


async def supervise(name: str, factory: Callable[[], Awaitable[None]]) -> None:
    while True:
        try:
            await factory()
            logger.info("worker %s returned; restarting", name)
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.exception("worker %s crashed; restarting", name)


async def supervise_with_backoff(name: str, factory: Callable[[], Awaitable[None]],
                                 max_delay: float = 60.0) -> None:
    delay = 1.0
    for restarts in itertools.count():
        started = asyncio.get_running_loop().time()
        try:
            await factory()
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.exception("worker %s crashed (%d restarts); restarting in %.0fs", name, restarts, delay)
        if asyncio.get_running_loop().time() - started > 300:
            delay = 1.0
        await asyncio.sleep(delay)
        delay = min(max_delay, delay * 2)

_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""


class LeaderLock:
    def __init__(self, client: redis.Redis, name: str, ttl: int) -> None:
        self._redis = client
        self._key = f"ci:leader:{name}"
        self._ttl = ttl
        self._token = uuid.uuid4().hex

    async def acquire(self) -> bool:
        return bool(await self._redis.set(self._key, self._token, nx=True, ex=self._ttl))

    async def release(self) -> None:
        await self._redis.eval(_RELEASE, 1, self._key, self._token)
