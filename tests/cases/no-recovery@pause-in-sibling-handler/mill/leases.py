"""A Redis lease: only one replica runs a cycle."""
from contextlib import asynccontextmanager

import redis.asyncio as redis

client = redis.Redis(host="redis", socket_timeout=2)


class LeaseHeld(Exception):
    pass


@asynccontextmanager
async def lease(name: str, ttl: int):
    if not await client.set(f"lease:{name}", "1", nx=True, ex=ttl):
        raise LeaseHeld(name)
    try:
        yield
    finally:
        await client.delete(f"lease:{name}")
