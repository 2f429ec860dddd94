"""In-process job scheduling, plus a redis lease so singleton jobs run on one replica."""
from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Awaitable, Callable

from redis.asyncio import Redis

logger = logging.getLogger(__name__)

Job = Callable[[], Awaitable[None]]


class Scheduler:
    """Runs periodic jobs inside the API process."""

    def __init__(self) -> None:
        self._tasks: dict[str, asyncio.Task] = {}
        self._stopping = False

    def every(self, name: str, interval_s: float, job: Job) -> None:
        async def loop() -> None:
            while True:
                try:
                    await job()
                except asyncio.CancelledError:
                    raise
                except Exception:
                    logger.exception("periodic job %s failed; next run in %.0fs", name, interval_s)
                await asyncio.sleep(interval_s)

        self._tasks[name] = asyncio.create_task(loop(), name=f"job-{name}")

    def long_running(self, name: str, factory: Job) -> None:
        async def supervise() -> None:
            while not self._stopping:
                try:
                    await factory()
                except asyncio.CancelledError:
                    raise
                except Exception:
                    logger.exception("job %s crashed, restarting", name)

        self._tasks[name] = asyncio.create_task(supervise(), name=f"svc-{name}")

    async def shutdown(self) -> None:
        self._stopping = True
        for task in self._tasks.values():
            task.cancel()
        await asyncio.gather(*self._tasks.values(), return_exceptions=True)
        self._tasks.clear()


_RENEW = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('pexpire', KEYS[1], ARGV[2])
end
return 0
"""


class LeaderLease:
    def __init__(self, redis: Redis, name: str, ttl_ms: int = 15_000) -> None:
        self._redis = redis
        self._key = f"lease:{name}"
        self._ttl_ms = ttl_ms
        self._token = uuid.uuid4().hex
        self._held = False
        self._renew = redis.register_script(_RENEW)

    async def ensure(self) -> bool:
        """Acquire or renew; returns whether this process currently holds the lease."""
        if self._held:
            renewed = await self._renew(keys=[self._key], args=[self._token, self._ttl_ms])
            self._held = bool(renewed)
            if not self._held:
                logger.warning("lost lease %s", self._key)
            return self._held
        self._held = bool(await self._redis.set(self._key, self._token, nx=True, px=self._ttl_ms))
        if self._held:
            logger.info("acquired lease %s", self._key)
        return self._held

    async def release(self) -> None:
        if self._held:
            await self._redis.eval(
                "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0",
                1, self._key, self._token,
            )
            self._held = False
