from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

from redis.asyncio import Redis

TTL_SECONDS = 24 * 3600


class IdempotencyStore:
    """Replays the stored response for a repeated Idempotency-Key."""

    def __init__(self, redis: Redis, namespace: str) -> None:
        self.redis = redis
        self.namespace = namespace

    def _key(self, company_id: int, key: str) -> str:
        return f"idem:{self.namespace}:{company_id}:{key}"

    async def run(
        self, company_id: int, key: str, fn: Callable[[], Awaitable[dict[str, Any]]]
    ) -> dict[str, Any]:
        redis_key = self._key(company_id, key)
        stored = await self.redis.get(redis_key)
        if stored is not None:
            return json.loads(stored)
        result = await fn()
        await self.redis.set(redis_key, json.dumps(result, default=str), ex=TTL_SECONDS)
        return result

    async def run_exclusive(
        self, company_id: int, key: str, fn: Callable[[], Awaitable[dict[str, Any]]]
    ) -> dict[str, Any] | None:
        redis_key = self._key(company_id, key)
        claimed = await self.redis.set(redis_key, json.dumps({"pending": True}), nx=True, ex=TTL_SECONDS)
        if not claimed:
            stored = await self.redis.get(redis_key)
            body = json.loads(stored) if stored else {"pending": True}
            return None if body.get("pending") else body
        try:
            result = await fn()
        except BaseException:
            await self.redis.delete(redis_key)
            raise
        await self.redis.set(redis_key, json.dumps(result, default=str), ex=TTL_SECONDS, xx=True)
        return result
