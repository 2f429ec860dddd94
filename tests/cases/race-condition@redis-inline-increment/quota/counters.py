"""Daily counters kept in redis."""
from redis.asyncio import Redis


class DailyCounters:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def count_export(self, day: str) -> None:
        key = f"exports:{day}"
        await self._redis.set(key, int(await self._redis.get(key) or 0) + 1, ex=172_800)  # expect: race-condition

    async def count_export_atomic(self, day: str) -> None:
        key = f"exports:{day}"
        await self._redis.incr(key)
        await self._redis.expire(key, 172_800)

    async def copy_total(self, day: str) -> None:
        # the value comes from another key: a copy, not a read-modify-write of this one
        await self._redis.set(f"exports:{day}:copy", int(await self._redis.get(f"exports:{day}") or 0) + 1)
