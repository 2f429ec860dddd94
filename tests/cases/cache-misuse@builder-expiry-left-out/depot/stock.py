"""Stock levels cached in Redis under keys from one builder."""
from __future__ import annotations

import redis.asyncio as redis

LEVEL_TTL = 300
LOCK_TTL = 30


def level_key(sku: str) -> str:
    return f"stock:level:{sku}"


def lock_key(sku: str) -> str:
    return f"stock:lock:{sku}"


def note_key(sku: str) -> str:
    return f"stock:note:{sku}"


class StockCache:
    def __init__(self, client: redis.Redis) -> None:
        self._redis = client

    async def remember(self, sku: str, level: int) -> None:
        await self._redis.set(level_key(sku), level, ex=LEVEL_TTL)

    async def refresh(self, sku: str, level: int) -> None:
        await self._redis.set(level_key(sku), level)  # expect: cache-misuse

    async def lock(self, sku: str) -> bool:
        # a claim with a lease: not a cache entry's lifetime
        return bool(await self._redis.set(lock_key(sku), "1", nx=True, ex=LOCK_TTL))

    async def unlock_forever(self, sku: str) -> None:
        # the builder's only expiring write is a claim: not reported
        await self._redis.set(lock_key(sku), "0")

    async def note(self, sku: str, text: str) -> None:
        # no write of this builder sets a lifetime: the project keeps notes for good
        await self._redis.set(note_key(sku), text)

    async def refresh_then_expire(self, sku: str, level: int) -> None:
        # lifetime set right after: correct
        await self._redis.set(level_key(sku), level)
        await self._redis.expire(level_key(sku), LEVEL_TTL)
