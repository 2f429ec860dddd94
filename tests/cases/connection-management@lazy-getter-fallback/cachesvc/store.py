"""A redis-backed store made once per process by a getter, with a no-op stand-in when redis is
not configured; and a per-request store for comparison."""
from __future__ import annotations

import os

from redis.asyncio import ConnectionPool, Redis


class NullStore:
    async def get(self, key: str) -> str | None:
        return None

    async def close(self) -> None:
        return None


class RedisStore:
    def __init__(self, host: str, port: int) -> None:
        self.pool = ConnectionPool(host=host, port=port, max_connections=20, socket_timeout=2)
        self.client = Redis(connection_pool=self.pool)

    async def get(self, key: str) -> str | None:
        return await self.client.get(key)

    async def close(self) -> None:
        await self.client.aclose()
        await self.pool.disconnect()


class SessionStore:
    def __init__(self, host: str) -> None:
        self.pool = ConnectionPool(host=host, max_connections=5, socket_timeout=2)  # expect: connection-management
        self.client = Redis(connection_pool=self.pool)  # borrows the pool above: the pool is the one per request

    async def get(self, key: str) -> str | None:
        return await self.client.get(key)

    async def close(self) -> None:
        await self.client.aclose()
        await self.pool.disconnect()


_store: NullStore | RedisStore | None = None


async def get_store() -> NullStore | RedisStore:
    global _store
    if _store is None:
        host = os.getenv("REDIS_HOST")
        if host is None:
            _store = NullStore()
        else:
            _store = RedisStore(host=host, port=6379)
    return _store
