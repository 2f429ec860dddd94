"""Redis helpers: client factory, cluster-wide locks and the project settings cache."""
from __future__ import annotations

import contextlib
import json
from collections.abc import AsyncIterator

import redis.asyncio as redis
from redis.exceptions import LockError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from glossa.errors import LockBusy
from glossa.repositories.projects import ProjectRepository
from glossa.settings import Settings


def build_redis(settings: Settings) -> redis.Redis:
    return redis.from_url(
        settings.redis_url,
        decode_responses=True,
        max_connections=64,
        socket_timeout=3,
        socket_connect_timeout=2,
        health_check_interval=30,
    )


@contextlib.asynccontextmanager
async def redis_lock(client: redis.Redis, name: str, *, ttl: float = 30, wait: float = 5) -> AsyncIterator[None]:
    """Cluster-wide mutex; raises LockBusy if it cannot be taken within `wait` seconds."""
    lock = client.lock(f"lock:{name}", timeout=ttl, blocking_timeout=wait)
    if not await lock.acquire():
        raise LockBusy(f"{name} is held elsewhere")
    try:
        yield
    finally:
        # a slow holder may have outlived the ttl; then there is nothing left to release
        with contextlib.suppress(LockError):
            await lock.release()


class ProjectSettingsCache:
    """Project settings are read on every editor suggestion and export, so keep them in redis."""

    def __init__(self, client: redis.Redis, sessions: async_sessionmaker[AsyncSession], projects: ProjectRepository) -> None:
        self._redis = client
        self._sessions = sessions
        self._projects = projects

    @staticmethod
    def key(project_id: int) -> str:
        return f"project:settings:{project_id}"

    async def get(self, project_id: int) -> dict:
        key = self.key(project_id)
        raw = await self._redis.get(key)
        if raw is not None:
            return json.loads(raw)
        async with self._sessions() as session:
            project = await self._projects.require(session, project_id)
        await self._redis.set(key, json.dumps(project.settings))
        return project.settings
