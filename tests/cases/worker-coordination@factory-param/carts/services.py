"""Cart services built per use from what the app keeps on its state."""
from typing import Any

import asyncpg
from redis.asyncio import Redis


class CartService:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def expire_abandoned(self) -> int:
        async with self._pool.acquire(timeout=5) as conn:
            result = await conn.execute("DELETE FROM carts WHERE updated_at < now() - interval '1 day'")
        return int(result.split()[-1])


class ReportService:
    def __init__(self, pool: asyncpg.Pool, redis: Redis) -> None:
        self._pool = pool
        self._redis = redis

    async def refresh_daily(self) -> None:
        lock = self._redis.lock("carts:daily-report", timeout=300)
        if not await lock.acquire(blocking=False):
            return
        try:
            async with self._pool.acquire(timeout=5) as conn:
                await conn.execute("INSERT INTO cart_reports SELECT now(), count(*) FROM carts")
        finally:
            await lock.release()


def build_cart_service(state: Any) -> CartService:
    return CartService(state.pool)


def build_report_service(state: Any) -> ReportService:
    return ReportService(state.pool, state.redis)
