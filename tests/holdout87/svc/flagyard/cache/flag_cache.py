from __future__ import annotations

import json
import uuid

import redis.asyncio as redis
from redis.exceptions import RedisError

from ..logging_setup import get_logger

logger = get_logger(__name__)


class FlagCache:
    """Serialized per-environment flag snapshots used by the SDK evaluation path."""

    def __init__(self, client: redis.Redis, ttl_seconds: int) -> None:
        self._redis = client
        self._ttl = ttl_seconds

    @staticmethod
    def _key(project_id: uuid.UUID) -> str:
        return f"flagyard:snapshot:{project_id}"

    async def load(self, project_id: uuid.UUID, environment_id: uuid.UUID) -> dict | None:
        raw = await self._redis.get(self._key(project_id))
        if raw is None:
            return None
        return json.loads(raw)

    async def store(self, project_id: uuid.UUID, environment_id: uuid.UUID, snapshot: dict) -> None:
        payload = json.dumps(snapshot, separators=(",", ":"))
        await self._redis.set(self._key(project_id), payload, ex=self._ttl)

    async def invalidate(self, project_id: uuid.UUID, environment_id: uuid.UUID) -> None:
        await self._redis.delete(self._key(project_id))

    async def etag(self, environment_id: uuid.UUID) -> str | None:
        try:
            return await self._redis.get(f"flagyard:etag:{environment_id}")
        except RedisError:
            logger.warning("etag_lookup_failed", environment_id=str(environment_id))
            return None

    async def set_etag(self, environment_id: uuid.UUID, etag: str) -> None:
        await self._redis.set(f"flagyard:etag:{environment_id}", etag, ex=self._ttl)
