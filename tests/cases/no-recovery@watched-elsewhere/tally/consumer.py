"""Reads usage entries off a redis stream and records them."""
from redis import asyncio as aioredis

import asyncpg


class StreamConsumer:
    def __init__(self, redis: aioredis.Redis, pool: asyncpg.Pool) -> None:
        self._redis = redis
        self._pool = pool
        self._stopping = False

    def stop(self) -> None:
        self._stopping = True

    async def run(self) -> None:
        while not self._stopping:
            entries = await self._redis.xreadgroup("tally", "c1", {"usage": ">"}, count=100, block=5000)
            for _stream, messages in entries or []:
                await self._pool.executemany("INSERT INTO usage (payload) VALUES ($1)",
                                             [(fields[b"body"],) for _id, fields in messages])
