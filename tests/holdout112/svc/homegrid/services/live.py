from __future__ import annotations

import json
import time
from typing import Any
from uuid import UUID

import redis.asyncio as aioredis


def live_channel(household_id: UUID | str) -> str:
    return f"live:{household_id}"


class LivePublisher:
    """Fans household snapshots out to dashboard sockets on every replica."""

    def __init__(self, redis: aioredis.Redis) -> None:
        self._redis = redis

    async def publish(self, household_id: UUID, snapshot: dict[str, Any]) -> None:
        payload = json.dumps(snapshot, default=str)
        await self._redis.publish(live_channel(household_id), payload)

    async def publish_alert(self, household_id: UUID, title: str, body: str, severity: str = "info") -> int:
        payload = json.dumps({"title": title, "body": body, "severity": severity})
        return await self._redis.publish(f"alerts:{household_id}", payload)

    async def recent_events(self, household_id: UUID, count: int = 50) -> list[dict[str, Any]]:
        entries = await self._redis.xrevrange(f"events:{household_id}", count=count)
        return [
            {"id": entry_id, "kind": fields.get("kind"), "data": json.loads(fields.get("data", "{}"))}
            for entry_id, fields in entries
        ]

    async def append_event(self, household_id: UUID, kind: str, data: dict[str, Any]) -> None:
        await self._redis.xadd(
            f"events:{household_id}",
            {"kind": kind, "data": json.dumps(data, default=str)},
            maxlen=500,
            approximate=True,
        )


PRESENCE_KEY = "presence:devices"
OFFLINE_AFTER_SECONDS = 300


class PresenceTracker:
    def __init__(self, redis: aioredis.Redis) -> None:
        self._redis = redis

    async def mark_seen(self, device_ids: list[UUID]) -> None:
        if not device_ids:
            return
        now = time.time()
        await self._redis.zadd(PRESENCE_KEY, {str(d): now for d in device_ids})

    async def stale(self, limit: int = 1000) -> list[str]:
        cutoff = time.time() - OFFLINE_AFTER_SECONDS
        return await self._redis.zrangebyscore(PRESENCE_KEY, "-inf", cutoff, start=0, num=limit)

    async def forget(self, device_ids: list[str]) -> None:
        if device_ids:
            await self._redis.zrem(PRESENCE_KEY, *device_ids)
