from __future__ import annotations

import contextlib
import logging
import uuid
from collections.abc import AsyncIterator

import redis.asyncio as redis

log = logging.getLogger(__name__)

_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""


class LockNotAcquired(Exception):
    pass


@contextlib.asynccontextmanager
async def distributed_lock(client: redis.Redis, name: str, ttl_s: int) -> AsyncIterator[None]:
    token = uuid.uuid4().hex
    acquired = await client.set(f"lock:{name}", token, nx=True, ex=ttl_s)
    if not acquired:
        raise LockNotAcquired(name)
    try:
        yield
    finally:
        try:
            await client.eval(_RELEASE, 1, f"lock:{name}", token)
        except redis.RedisError:
            log.warning("could not release lock %s; it expires in %ss", name, ttl_s, exc_info=True)


@contextlib.asynccontextmanager
async def branch_pair_lock(client: redis.Redis, branch_a: int, branch_b: int, ttl_s: int = 30) -> AsyncIterator[None]:
    """Lock two branches' transfer queues, always in ascending id order."""
    first, second = sorted((branch_a, branch_b))
    async with distributed_lock(client, f"branch:{first}", ttl_s):
        async with distributed_lock(client, f"branch:{second}", ttl_s):
            yield
