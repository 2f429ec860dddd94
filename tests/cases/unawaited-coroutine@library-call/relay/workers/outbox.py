"""Relays outbox rows to the event bus and marks them sent."""
from __future__ import annotations

import asyncio
import json

import asyncpg
from redis.asyncio import Redis


class OutboxRelay:
    def __init__(self, pool: asyncpg.Pool, redis: Redis) -> None:
        self._pool = pool
        self._redis = redis
        self._sent: asyncio.Queue[int] = asyncio.Queue(maxsize=100)

    async def relay_once(self) -> int:
        async with self._pool.acquire() as conn:
            rows = await conn.fetch("SELECT id, topic, body FROM outbox WHERE sent_at IS NULL LIMIT 100")
            for row in rows:
                self._redis.publish(row["topic"], row["body"])  # expect: unawaited-coroutine
                conn.execute("UPDATE outbox SET sent_at = now() WHERE id = $1", row["id"])  # expect: unawaited-coroutine
                self._sent.put_nowait(row["id"])
        return len(rows)

    async def heartbeat(self) -> None:
        await self._redis.publish("relay:heartbeat", json.dumps({"alive": True}))
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.incr("relay:beats")
            pipe.expire("relay:beats", 60)
            await pipe.execute()

    async def pause(self, seconds: float) -> None:
        asyncio.sleep(seconds)  # expect: unawaited-coroutine
