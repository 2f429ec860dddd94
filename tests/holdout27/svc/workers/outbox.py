"""Relays committed outbox rows to redis streams for downstream consumers."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

import asyncpg
from redis.asyncio import Redis

logger = logging.getLogger(__name__)


async def keep_running(name: str, factory: Callable[[], Awaitable[None]]) -> None:
    """Run a long-lived coroutine, restarting it if it crashes."""
    while True:
        try:
            await factory()
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.exception("%s crashed; restarting", name)


class OutboxRelay:
    def __init__(self, pool: asyncpg.Pool, redis: Redis, batch_size: int, acquire_timeout: float) -> None:
        self._pool = pool
        self._redis = redis
        self._batch_size = batch_size
        self._acquire_timeout = acquire_timeout
        self._stopping = asyncio.Event()

    def stop(self) -> None:
        self._stopping.set()

    async def run(self) -> None:
        await keep_running("outbox-relay", self._poll)

    async def _poll(self) -> None:
        while not self._stopping.is_set():
            relayed = await self.run_once()
            if relayed < self._batch_size:
                await asyncio.sleep(1.0)

    async def run_once(self) -> int:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            async with conn.transaction():
                rows = await conn.fetch(
                    "SELECT id, topic, payload FROM outbox WHERE published_at IS NULL ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED",
                    self._batch_size,
                )
                if not rows:
                    return 0
                async with self._redis.pipeline(transaction=False) as pipe:
                    for row in rows:
                        pipe.xadd(f"stream:{row['topic']}", {"id": row["id"], "payload": row["payload"]}, maxlen=100_000, approximate=True)
                    await pipe.execute()
                await conn.execute("UPDATE outbox SET published_at = now() WHERE id = ANY($1::bigint[])", [r["id"] for r in rows])
        return len(rows)
