"""Stock counters kept in redis: topped up by a job, drained by another."""
from redis.asyncio import Redis


class Restocker:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def top_up(self) -> None:
        on_hand = int(await self._redis.hget("stock", "bolts") or 0)  # expect: race-condition
        await self._redis.hset("stock", "bolts", on_hand + 50)

    async def top_up_atomic(self) -> None:
        await self._redis.hincrby("stock", "nuts", 50)


REDIS = Redis(host="redis")


class ReturnsDesk:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def drain(self) -> None:
        returned = int(await self._redis.get("returns:pending") or 0)  # expect: race-condition
        await self._redis.set("returns:pending", returned - 1)


async def _reset_pending() -> None:
    pending = int(await REDIS.get("returns:pending") or 0)
    await REDIS.set("returns:pending", pending * 0)
