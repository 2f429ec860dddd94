from collections.abc import AsyncIterator
from contextlib import asynccontextmanager


@asynccontextmanager
async def redis_lock(redis, name: str, ttl: int = 60) -> AsyncIterator[bool]:
    """Held by one process at a time; expires if the holder dies."""
    lock = redis.lock(f"lock:{name}", timeout=ttl, blocking_timeout=0)
    acquired = await lock.acquire(blocking=False)
    try:
        yield bool(acquired)
    finally:
        if acquired:
            await lock.release()
