from __future__ import annotations

import time
from collections import defaultdict

import redis.asyncio as redis
from fastapi import HTTPException

POINTS_PER_MINUTE = 600_000

_window_counts: dict[str, int] = defaultdict(int)
_window_started: dict[str, float] = {}


def local_burst_guard(gateway_id: str, points: int, limit: int = 50_000) -> None:
    now = time.monotonic()
    started = _window_started.setdefault(gateway_id, now)
    if now - started > 1.0:
        _window_started[gateway_id] = now
        _window_counts[gateway_id] = 0
    _window_counts[gateway_id] += points
    if _window_counts[gateway_id] > limit:
        raise HTTPException(status_code=429, detail="gateway burst limit")


async def mark_seen(client: redis.Redis, gateway_id: str) -> None:
    """Shared last-seen registry so every replica sees the same gateway liveness."""
    await client.hset("gateways:last_seen", gateway_id, int(time.time()))


async def charge_quota(client: redis.Redis, gateway_id: str, points: int) -> None:
    key = f"quota:{gateway_id}:{int(time.time() // 60)}"
    current = int(await client.get(key) or 0)
    if current + points > POINTS_PER_MINUTE:
        raise HTTPException(status_code=429, detail="gateway quota exceeded")
    await client.set(key, current + points, ex=120)


async def charge_quota_atomic(client: redis.Redis, gateway_id: str, points: int) -> None:
    key = f"quota:{gateway_id}:{int(time.time() // 60)}"
    async with client.pipeline(transaction=True) as pipe:
        used, _ = await pipe.incrby(key, points).expire(key, 120).execute()
    if used > POINTS_PER_MINUTE:
        raise HTTPException(status_code=429, detail="gateway quota exceeded")
