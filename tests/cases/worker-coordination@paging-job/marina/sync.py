"""Jobs the cron runs."""
import asyncpg
from redis.asyncio import Redis

from marina.harbour import Harbour


class MooringSync:
    def __init__(self, pool: asyncpg.Pool, harbour: Harbour) -> None:
        self._pool = pool
        self._harbour = harbour

    async def nightly(self) -> int:  # expect: worker-coordination
        items = await self._all_moorings()
        await self._pool.executemany("UPDATE berths SET holder = $2 WHERE id = $1",
                                     [(i["berth"], i["holder"]) for i in items])
        return len(items)

    async def _all_moorings(self) -> list[dict]:
        found: list[dict] = []
        token = None
        while True:
            items, token = await self._harbour.page(token)
            found.extend(items)
            if token is None:
                return found


class FeeSync:
    def __init__(self, pool: asyncpg.Pool, harbour: Harbour) -> None:
        self._pool = pool
        self._harbour = harbour

    async def hourly(self) -> None:  # expect: worker-coordination
        fees = await self._collect()
        await self._pool.execute("DELETE FROM fee_cache")
        await self._pool.executemany("INSERT INTO fee_cache (berth, fee) VALUES ($1, $2)", fees)

    async def _collect(self) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        cursor = None
        while True:
            items, cursor = await self._harbour.page(cursor)
            out += [(i["berth"], i["fee"]) for i in items]
            if not cursor:
                break
        return out


class RefundConsumer:
    """Look-alike: a consumer loop of its own, popping what requests queued for it."""

    def __init__(self, pool: asyncpg.Pool, redis: Redis) -> None:
        self._pool = pool
        self._redis = redis

    async def consume(self) -> None:
        while True:
            popped = await self._redis.blpop(["refunds"], timeout=5)
            if popped:
                await self._pool.execute("UPDATE payments SET refunded = true WHERE id = $1", int(popped[1]))
