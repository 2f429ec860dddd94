from __future__ import annotations

import asyncio
import logging

import asyncpg
from redis.asyncio import Redis
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


class OutboxRelay:
    """Moves committed outbox rows onto redis streams for downstream consumers."""

    def __init__(self, pool: asyncpg.Pool, redis: Redis, batch_size: int = 200, idle_seconds: float = 1.0) -> None:
        self._pool = pool
        self._redis = redis
        self._batch_size = batch_size
        self._idle_seconds = idle_seconds

    async def run(self) -> None:
        while True:
            try:
                relayed = await self._relay_batch()
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("outbox relay batch failed")
                await asyncio.sleep(5.0)
                continue
            if relayed == 0:
                await asyncio.sleep(self._idle_seconds)

    async def _relay_batch(self) -> int:
        async with self._pool.acquire(timeout=5.0) as conn:
            async with conn.transaction():
                rows = await conn.fetch("SELECT id, topic, payload::text AS payload FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT $1", self._batch_size)
                if not rows:
                    return 0
                published: list[int] = []
                async with self._redis.pipeline(transaction=False) as pipe:
                    for row in rows:
                        pipe.xadd(f"events:{row['topic']}", {"payload": row["payload"]}, maxlen=100_000, approximate=True)
                    try:
                        results = await pipe.execute(raise_on_error=False)
                    except RedisError:
                        return 0
                for row, result in zip(rows, results):
                    if not isinstance(result, Exception):
                        published.append(row["id"])
                await conn.execute("UPDATE outbox SET published_at = now() WHERE id = ANY($1::bigint[])", published)
                return len(published)
