from __future__ import annotations

from redis.asyncio import Redis
from redis.asyncio.lock import Lock


class LockFactory:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    def lock(self, name: str, ttl: float = 30.0, wait: float = 5.0) -> Lock:
        return self._redis.lock(f"lock:{name}", timeout=ttl, blocking_timeout=wait)

    async def try_claim(self, name: str, owner: str, ttl: int) -> bool:
        return bool(await self._redis.set(f"claim:{name}", owner, nx=True, ex=ttl))
