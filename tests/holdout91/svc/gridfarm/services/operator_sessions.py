from __future__ import annotations

import hashlib

import redis.asyncio as redis


class OperatorSessions:
    """Console sessions issued by the SSO callback and stored in redis."""

    def __init__(self, redis_client: redis.Redis) -> None:
        self._redis = redis_client

    @staticmethod
    def _key(token: str) -> str:
        return "opsession:" + hashlib.sha256(token.encode()).hexdigest()

    async def valid(self, token: str) -> bool:
        return bool(await self._redis.exists(self._key(token)))

    async def issue(self, token: str, operator: str, ttl_s: int = 8 * 3600) -> None:
        await self._redis.set(self._key(token), operator, ex=ttl_s)
