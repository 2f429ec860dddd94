"""Missed-heartbeat counters for uptime probes."""
import json

from redis.asyncio import Redis

ALERT_AFTER = 3


class ProbeTracker:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def miss(self, probe_id: str) -> None:
        key = f"probe:{probe_id}:misses"
        misses = int(await self._redis.get(key) or 0)  # expect: race-condition
        await self._redis.set(key, misses + 1, ex=3600)
        if misses + 1 == ALERT_AFTER:
            await self._page(probe_id)

    async def miss_atomic(self, probe_id: str) -> None:
        key = f"probe:{probe_id}:misses"
        misses = await self._redis.incr(key)
        await self._redis.expire(key, 3600)
        if misses == ALERT_AFTER:
            await self._page(probe_id)

    async def refresh_label(self, probe_id: str) -> None:
        key = f"probe:{probe_id}:label"
        label = json.loads(await self._redis.get(key) or "{}")
        await self._redis.set(key, json.dumps(label), ex=600)

    async def _page(self, probe_id: str) -> None:
        await self._redis.publish("pages", probe_id)
