"""Worker plumbing: redis leader election and the supervised task runner."""
from __future__ import annotations

import asyncio
import logging
import socket
import uuid
from collections.abc import Awaitable, Callable

from redis.asyncio import Redis

log = logging.getLogger(__name__)

_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""

_EXTEND = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('pexpire', KEYS[1], ARGV[2])
end
return 0
"""

INSTANCE_ID = f"{socket.gethostname()}:{uuid.uuid4().hex[:8]}"


class Leadership:
    def __init__(self, redis: Redis, name: str, ttl_ms: int) -> None:
        self._redis = redis
        self._key = f"leader:{name}"
        self._ttl_ms = ttl_ms
        self.held = False

    async def try_acquire(self) -> bool:
        if self.held:
            self.held = bool(await self._redis.eval(_EXTEND, 1, self._key, INSTANCE_ID, self._ttl_ms))
        else:
            self.held = bool(await self._redis.set(self._key, INSTANCE_ID, nx=True, px=self._ttl_ms))
        return self.held

    async def release(self) -> None:
        if self.held:
            await self._redis.eval(_RELEASE, 1, self._key, INSTANCE_ID)
            self.held = False


WorkerFactory = Callable[[], Awaitable[None]]


class WorkerRunner:
    """Owns the background worker tasks for the lifetime of the app."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task] = set()

    def spawn(self, name: str, factory: WorkerFactory) -> asyncio.Task:
        task = asyncio.create_task(self._supervise(name, factory), name=f"worker:{name}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def _supervise(self, name: str, factory: WorkerFactory) -> None:
        while True:
            try:
                await factory()
                log.warning("worker %s returned; restarting", name)
            except asyncio.CancelledError:
                raise
            except Exception as crash:
                log.exception("worker %s crashed: %s", name, crash)

    def status(self) -> dict[str, bool]:
        return {t.get_name(): not t.done() for t in self._tasks}

    async def stop(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
