"""Nightly win-back campaign: contact lapsed members once."""
from __future__ import annotations

from typing import Any

from redis.asyncio import Redis

from outreach.store import MemberStore


class WinBack:
    def __init__(self, redis: Redis, store: MemberStore) -> None:
        self._redis = redis
        self._store = store

    async def pending(self) -> list[dict[str, Any]]:
        lapsed = await self._store.lapsed()
        contacted = await self._redis.lrange("winback:contacted", 0, -1)
        return [m for m in lapsed if str(m["id"]).encode() not in contacted]  # expect: inefficient-algorithm

    async def pending_by_set(self) -> list[dict[str, Any]]:
        lapsed = await self._store.lapsed()
        contacted = await self._redis.smembers("winback:contacted-set")
        return [m for m in lapsed if str(m["id"]).encode() not in contacted]

    async def pending_indexed(self) -> list[dict[str, Any]]:
        lapsed = await self._store.lapsed()
        contacted = set(await self._redis.lrange("winback:contacted", 0, -1))
        return [m for m in lapsed if str(m["id"]).encode() not in contacted]

    async def top_scorer_contacted(self) -> bool:
        leaders = await self._redis.zrevrange("winback:leaders", 0, 0)
        return b"member:1" in leaders

    async def mark(self, member_ids: list[int]) -> None:
        for member_id in member_ids:
            recent = await self._redis.lrange(f"winback:recent:{member_id}", 0, 9)
            if b"sent" in recent:
                continue
            await self._redis.rpush("winback:contacted", str(member_id))
