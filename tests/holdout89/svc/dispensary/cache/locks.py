from __future__ import annotations

import contextlib
import logging
import uuid
from collections.abc import AsyncIterator

import redis.asyncio as aioredis

logger = logging.getLogger(__name__)

_RELEASE_SCRIPT = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""


class LockNotAcquired(Exception):
    pass


@contextlib.asynccontextmanager
async def distributed_lock(
    redis: aioredis.Redis, name: str, ttl_seconds: int = 60
) -> AsyncIterator[str]:
    """Hold `lock:<name>` for at most ttl_seconds; raise LockNotAcquired if another holder has it."""
    token = uuid.uuid4().hex
    acquired = await redis.set(f"lock:{name}", token, nx=True, ex=ttl_seconds)
    if not acquired:
        raise LockNotAcquired(name)
    try:
        yield token
    finally:
        await redis.eval(_RELEASE_SCRIPT, 1, f"lock:{name}", token)


async def try_become_leader(redis: aioredis.Redis, role: str, instance_id: str, ttl_seconds: int) -> bool:
    """Claim or renew leadership of `role`; only the holder runs that role's periodic job."""
    key = f"leader:{role}"
    if await redis.set(key, instance_id, nx=True, ex=ttl_seconds):
        return True
    current = await redis.get(key)
    if current == instance_id:
        await redis.expire(key, ttl_seconds)
        return True
    return False
