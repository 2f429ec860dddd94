from contextlib import asynccontextmanager

from redis.asyncio import Redis


@asynccontextmanager
async def leader(redis: Redis, name: str, ttl_ms: int):
    token = await redis.set(f"leader:{name}", "1", nx=True, px=ttl_ms)
    try:
        yield bool(token)
    finally:
        if token:
            await redis.delete(f"leader:{name}")
