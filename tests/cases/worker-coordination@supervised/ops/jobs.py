"""Periodic jobs of the ops service."""
import asyncio
import logging

import asyncpg
import httpx
import redis.asyncio as redis

log = logging.getLogger(__name__)


class Purger:
    """Deletes expired sessions; every replica runs it."""

    def __init__(self, pool: asyncpg.Pool, interval: float) -> None:
        self._pool = pool
        self._interval = interval

    async def run(self) -> None:  # expect: worker-coordination
        while True:
            async with self._pool.acquire(timeout=5) as conn:
                await conn.execute("DELETE FROM sessions WHERE expires_at < now()")
            await asyncio.sleep(self._interval)


class UsageExporter:
    """Sends yesterday's usage to the billing provider; every replica sends it."""

    def __init__(self, pool: asyncpg.Pool, client: httpx.AsyncClient, interval: float) -> None:
        self._pool = pool
        self._client = client
        self._interval = interval

    async def run(self) -> None:
        while True:
            async with self._pool.acquire(timeout=5) as conn:
                rows = await conn.fetch("SELECT account_id, count(*) AS calls FROM api_calls GROUP BY account_id")  # expect: worker-coordination
            for row in rows:
                await self._client.post("https://billing.example.com/v1/usage", json=dict(row))
            await asyncio.sleep(self._interval)


class Reindexer:
    """Rebuilds the search index; a Postgres advisory lock lets one replica work per round."""

    def __init__(self, pool: asyncpg.Pool, interval: float) -> None:
        self._pool = pool
        self._interval = interval

    async def run(self) -> None:
        while True:
            async with self._pool.acquire(timeout=5) as conn:
                if await conn.fetchval("SELECT pg_try_advisory_lock($1)", 4242):
                    try:
                        await conn.execute("UPDATE documents SET indexed_at = now() WHERE indexed_at IS NULL")
                    finally:
                        await conn.execute("SELECT pg_advisory_unlock($1)", 4242)
            await asyncio.sleep(self._interval)


class Rollup:
    """Hourly totals; a Redis lock elects one replica per round."""

    def __init__(self, pool: asyncpg.Pool, cache: redis.Redis, interval: float) -> None:
        self._pool = pool
        self._cache = cache
        self._interval = interval

    async def run(self) -> None:
        while True:
            if await self._cache.set("locks:rollup", "1", nx=True, ex=int(self._interval)):
                async with self._pool.acquire(timeout=5) as conn:
                    await conn.execute("INSERT INTO totals SELECT date_trunc('hour', now()), count(*) FROM api_calls")
            await asyncio.sleep(self._interval)


class Forwarder:
    """Forwards events this process queued; per process by design."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client
        self._queue: asyncio.Queue[dict] = asyncio.Queue(maxsize=100)

    def put(self, event: dict) -> None:
        self._queue.put_nowait(event)

    async def run(self) -> None:
        while True:
            event = await self._queue.get()
            await self._client.post("https://events.example.com/v1/ingest", json=event)
