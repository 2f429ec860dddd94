"""Redis connections: one for cache/locks/counters, one for pub/sub fan-out."""
from __future__ import annotations

from redis.asyncio import Redis

from svc.config import get_settings


class RedisConnections:
    def __init__(self) -> None:
        self.main: Redis | None = None
        self.pubsub: Redis | None = None

    async def open(self) -> None:
        url = get_settings().redis_url
        self.main = Redis.from_url(url, decode_responses=True, max_connections=50)
        self.pubsub = Redis.from_url(
            url,
            decode_responses=True,
            socket_connect_timeout=2,
            socket_keepalive=True,
            health_check_interval=15,
        )

    async def close(self) -> None:
        for client in (self.main, self.pubsub):
            if client is not None:
                await client.aclose()


redis_conns = RedisConnections()


def get_redis() -> Redis:
    if redis_conns.main is None:
        raise RuntimeError("redis not initialised")
    return redis_conns.main
