from __future__ import annotations

import asyncio
import json
import logging
from collections import defaultdict

from redis.asyncio import Redis

from ..coordination import LockNotAcquired, redis_lock
from ..db import pool
from ..observability import HOLDS_RELEASED
from ..repositories import inventory

log = logging.getLogger(__name__)


async def reap_once(redis: Redis) -> int:
    async with pool().acquire(timeout=5) as conn:
        released = await inventory.delete_expired(conn)
    if not released:
        return 0
    by_event: dict[int, list[int]] = defaultdict(list)
    for row in released:
        by_event[row["event_id"]].append(row["seat_id"])
    async with redis.pipeline(transaction=False) as pipe:
        for event_id, seats in by_event.items():
            pipe.publish(f"seats:{event_id}", json.dumps({"type": "released", "seats": seats}))
        await pipe.execute()
    HOLDS_RELEASED.inc(len(released))
    log.info("released %d expired holds across %d events", len(released), len(by_event))
    return len(released)


async def run(redis: Redis, interval: float = 5.0) -> None:
    while True:
        try:
            async with redis_lock(redis, "hold-reaper", ttl_ms=int(interval * 2000)):
                await reap_once(redis)
        except LockNotAcquired:
            pass
        except Exception:
            log.exception("hold reaper cycle failed")
        await asyncio.sleep(interval)
