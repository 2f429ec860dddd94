"""Distributed lock on redis for singleton background jobs."""
from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from svc.cache.redis import lock_redis

_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""


@asynccontextmanager
async def leader_lease(name: str, ttl_ms: int) -> AsyncIterator[bool]:
    """Yield True when this process holds the lease for ``name``."""
    token = secrets.token_hex(16)
    acquired = bool(await lock_redis.set(f"lease:{name}", token, nx=True, px=ttl_ms))
    try:
        yield acquired
    finally:
        if acquired:
            await lock_redis.eval(_RELEASE, 1, f"lease:{name}", token)
