"""Premieres: a scheduled first play with a live listener room."""
from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, field

from redis.asyncio import Redis

from podhost.ws.registry import ListenerRegistry

log = logging.getLogger(__name__)


@dataclass
class Room:
    episode_id: int
    state: str = "waiting"
    started_at: float | None = None
    position_ms: int = 0
    host_ids: set[int] = field(default_factory=set)


class PremiereService:
    def __init__(self, redis: Redis, registry: ListenerRegistry) -> None:
        self._redis = redis
        self._registry = registry
        self.rooms: dict[int, Room] = {}
        self.room_lock = asyncio.Lock()
        registry.premieres = self

    async def open_room(self, episode_id: int, host_id: int) -> Room:
        async with self.room_lock:
            room = self.rooms.setdefault(episode_id, Room(episode_id=episode_id))
            room.host_ids.add(host_id)
        await self._redis.hset(f"premiere:{episode_id}", mapping={"state": room.state})
        return room

    async def start(self, episode_id: int) -> Room:
        async with self.room_lock:
            room = self.rooms[episode_id]
            room.state = "live"
            room.started_at = time.time()
            async with self._registry.stats_lock:
                listeners = await self._registry.listener_count(episode_id)
        await self._redis.hset(f"premiere:{episode_id}", mapping={"state": "live", "started_at": room.started_at})
        await self._redis.publish(f"premiere:{episode_id}:events", "live")
        self._registry.broadcast(episode_id, {"type": "started", "listeners": listeners})
        return room

    async def seek(self, episode_id: int, position_ms: int) -> None:
        async with self.room_lock:
            room = self.rooms.get(episode_id)
            if room is None:
                return
            room.position_ms = position_ms
        await self._registry.broadcast(episode_id, {"type": "seek", "position_ms": position_ms})

    async def end(self, episode_id: int) -> None:
        async with self.room_lock:
            room = self.rooms.pop(episode_id, None)
        if room is None:
            return
        await self._redis.delete(f"premiere:{episode_id}")
        await self._registry.broadcast(episode_id, {"type": "ended"})
