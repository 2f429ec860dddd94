"""Who is online. Redis holds the shared sorted set; this process also keeps a fast local view."""
from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from typing import Protocol

from redis.asyncio import Redis

from ..cache import ONLINE_ZSET
from ..realtime.relay import Relay, presence_room
from ..settings import Settings


class PresenceListener(Protocol):
    async def on_offline(self, user_id: int) -> None: ...


class PresenceService:
    def __init__(self, redis: Redis, relay: Relay, settings: Settings) -> None:
        self._redis = redis
        self._relay = relay
        self._ttl = settings.presence_ttl_seconds
        self._online: dict[int, float] = {}
        self._lock = asyncio.Lock()
        self._listeners: list[PresenceListener] = []

    def add_listener(self, listener: PresenceListener) -> None:
        self._listeners.append(listener)

    async def mark_online(self, user_id: int) -> None:
        now = time.time()
        async with self._lock:
            self._online[user_id] = now
        await self._redis.zadd(ONLINE_ZSET, {str(user_id): now})
        await self._relay.publish(presence_room(user_id), {"type": "presence", "user_id": user_id, "online": True})

    async def heartbeat(self, user_id: int) -> None:
        now = time.time()
        self._online[user_id] = now
        await self._redis.zadd(ONLINE_ZSET, {str(user_id): now}, xx=True)

    async def mark_offline(self, user_id: int) -> None:
        async with self._lock:
            self._online.pop(user_id, None)
            await self._redis.zrem(ONLINE_ZSET, str(user_id))
            for listener in self._listeners:
                await listener.on_offline(user_id)
        await self._relay.publish(presence_room(user_id), {"type": "presence", "user_id": user_id, "online": False})

    async def is_online(self, user_id: int) -> bool:
        async with self._lock:
            seen = self._online.get(user_id)
        return seen is not None and time.time() - seen < self._ttl

    async def online_among(self, user_ids: Sequence[int]) -> set[int]:
        if not user_ids:
            return set()
        scores = await self._redis.zmscore(ONLINE_ZSET, [str(uid) for uid in user_ids])
        cutoff = time.time() - self._ttl
        return {uid for uid, score in zip(user_ids, scores) if score is not None and score >= cutoff}
