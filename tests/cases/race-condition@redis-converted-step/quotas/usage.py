"""Per-tenant usage counters kept in redis."""
from redis.asyncio import Redis


class UsageMeter:
    def __init__(self, store: Redis) -> None:
        self.store = store

    async def count_export(self, tenant: str) -> int:
        key = f"exports:{tenant}"
        raw = await self.store.get(key)  # expect: race-condition
        total = int(raw or 0) + 1
        await self.store.set(key, total, ex=3600)
        return total

    async def release_seat(self, tenant: str) -> None:
        key = f"seats:{tenant}"
        taken = await self.store.get(key)  # expect: race-condition
        await self.store.set(key, max(int(taken.decode()) - 1, 0), keepttl=True)

    async def remember_seat(self, tenant: str, seat: str) -> None:
        key = f"last-seat:{tenant}"
        previous = await self.store.get(key)
        await self.store.set(key, seat if previous is None else f"{int(previous or 0)}:{seat}")

    async def count_ping(self, tenant: str) -> int:
        key = f"pings:{tenant}"
        async with self.store.pipeline(transaction=True) as pipe:
            pipe.incr(key)
            pipe.expire(key, 3600)
            total, _ = await pipe.execute()
        return int(total)
