"""High scores and best lap times kept in redis."""
from __future__ import annotations

from redis.asyncio import Redis


class ScoreBoard:
    def __init__(self, redis: Redis) -> None:
        self.redis = redis

    async def submit(self, player: str, game: str, score: int) -> bool:
        key = f"best:{game}"
        best = await self.redis.hget(key, player)  # expect: race-condition
        if best is None or score > int(best):
            await self.redis.hset(key, mapping={player: score, "updated_by": player})
            return True
        return False

    async def fastest_lap(self, track: str, lap_ms: int) -> None:
        record = await self.redis.get(f"lap:{track}")  # expect: race-condition
        if record is None or int(record) > lap_ms:
            await self.redis.set(f"lap:{track}", lap_ms)

    async def submit_atomic(self, player: str, game: str, score: int) -> bool:
        # ZADD GT keeps the larger score in one command.
        changed = await self.redis.zadd(f"board:{game}", {player: score}, gt=True, ch=True)
        return bool(changed)

    async def cached_rank(self, game: str, player: str) -> int:
        key = f"rank:{game}:{player}"
        cached = await self.redis.get(key)
        if cached is None:
            rank = await self.redis.zrevrank(f"board:{game}", player)
            await self.redis.set(key, rank or 0, ex=30)
            return rank or 0
        return int(cached)
