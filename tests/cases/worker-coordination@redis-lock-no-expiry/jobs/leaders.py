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


async def poll_if_leader(poll) -> None:
    """The claim's answer is dropped; the holder read back decides whether this replica polls."""
    cache = client()
    leader = await cache.get("leader:feed")
    if leader is None:
        await cache.set("leader:feed", NODE_ID, nx=True)  # expect: worker-coordination
        leader = await cache.get("leader:feed")
    if leader == NODE_ID:
        await poll()


async def poll_if_leased(poll) -> None:
    cache = client()
    leader = await cache.get("leader:feed-leased")
    if leader is None:
        await cache.set("leader:feed-leased", NODE_ID, nx=True, ex=60)
        leader = await cache.get("leader:feed-leased")
    if leader == NODE_ID:
        await poll()
