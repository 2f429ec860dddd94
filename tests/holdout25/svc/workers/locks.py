"""Distributed job locks so that scheduled jobs run on one replica only."""
from __future__ import annotations

import logging
import os
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from svc.cache import lock_redis

log = logging.getLogger(__name__)

_OWNER = f"{socket.gethostname()}:{os.getpid()}"

_RELEASE_SCRIPT = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""


@asynccontextmanager
async def job_lock(name: str, ttl_seconds: int) -> AsyncIterator[bool]:
    key = f"joblock:{name}"
    acquired = await lock_redis.set(key, _OWNER, nx=True, ex=ttl_seconds)
    try:
        yield bool(acquired)
    finally:
        if acquired:
            await lock_redis.eval(_RELEASE_SCRIPT, 1, key, _OWNER)
