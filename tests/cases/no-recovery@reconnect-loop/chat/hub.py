"""Pub/sub fan-out that reconnects, and a poller that does not survive its first error."""
import asyncio
import logging

import asyncpg
from redis.asyncio import Redis
from redis.exceptions import ConnectionError as RedisConnectionError

log = logging.getLogger(__name__)


class Hub:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis
        self.delivered = 0

    async def listen(self) -> None:
        backoff = 0.5
        while True:
            pubsub = self._redis.pubsub()
            try:
                await pubsub.psubscribe("chan:*")
                backoff = 0.5
                async for message in pubsub.listen():
                    if message.get("type") == "pmessage":
                        self.delivered += 1
            except asyncio.CancelledError:
                await pubsub.aclose()
                raise
            except (RedisConnectionError, OSError):
                log.warning("pub/sub connection lost, reconnecting in %.1fs", backoff)
                await pubsub.aclose()
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 30.0)


class UnreadCounter:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool
        self.unread = 0

    async def poll(self) -> None:
        while True:
            self.unread = await self._pool.fetchval("SELECT count(*) FROM messages WHERE read_at IS NULL")  # expect: no-recovery
            await asyncio.sleep(5)
