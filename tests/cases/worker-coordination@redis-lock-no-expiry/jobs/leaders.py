"""Leader election for the pollers every replica runs."""
from __future__ import annotations

import os
import socket

from jobs.store import client

NODE_ID = f"{socket.gethostname()}:{os.getpid()}"


async def is_poll_leader() -> bool:
    cache = client()
    if await cache.set("leader:poller", NODE_ID, nx=True):  # expect: worker-coordination
        return True
    return await cache.get("leader:poller") == NODE_ID


async def is_sweep_leader() -> bool:
    cache = client()
    if await cache.set("leader:sweeper", NODE_ID, nx=True, ex=30):
        return True
    return await cache.get("leader:sweeper") == NODE_ID


async def remember_request(request_hash: str) -> str | None:
    """Idempotency marker: the first request's hash is kept; a replay reads back what was stored."""
    cache = client()
    if await cache.set("requests:last", request_hash, nx=True):
        return None
    return await cache.get("requests:last")
