"""Jobs of the ledger service."""
import threading

import asyncpg
from redis.asyncio import Redis


class _Stopwatch:
    """Sums the time spent per step; a thread lock guards the totals."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self.total = 0.0


class InterestAccrual:
    label = "interest"

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def execute(self) -> None:
        watch = _Stopwatch()
        await self._accrue(watch)  # expect: worker-coordination

    async def _accrue(self, watch: _Stopwatch) -> None:
        async with self._pool.acquire() as conn:
            await conn.execute("UPDATE accounts SET balance = balance * 1.0001 WHERE kind = 'savings'")


class StatementMailer:
    """One replica per round: the lock decides."""

    label = "statements"

    def __init__(self, pool: asyncpg.Pool, redis: Redis) -> None:
        self._pool = pool
        self._redis = redis

    async def execute(self) -> None:
        async with self._redis.lock("ledger:statements", timeout=25, blocking=False):
            async with self._pool.acquire() as conn:
                await conn.execute("UPDATE statements SET sent = true WHERE sent = false")
