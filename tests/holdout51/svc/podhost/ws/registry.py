"""Live listener registry for premieres."""
from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from typing import TYPE_CHECKING

from fastapi import WebSocket
from redis.asyncio import Redis

if TYPE_CHECKING:
    from podhost.services.premiere_service import PremiereService

log = logging.getLogger(__name__)


class ListenerRegistry:
    def __init__(self, redis: Redis, max_per_episode: int) -> None:
        self._redis = redis
        self._max = max_per_episode
        self._sockets: dict[int, set[WebSocket]] = defaultdict(set)
        self._local_counts: dict[int, int] = {}
        self.stats_lock = asyncio.Lock()
        self.premieres: PremiereService | None = None

    def has_capacity(self, episode_id: int) -> bool:
        return len(self._sockets[episode_id]) < self._max

    async def join(self, episode_id: int, ws: WebSocket) -> int:
        self._sockets[episode_id].add(ws)
        current = self._local_counts.get(episode_id, 0)
        total = await self._redis.hincrby("live:listeners", str(episode_id), 1)
        self._local_counts[episode_id] = current + 1
        return int(total)

    async def leave(self, episode_id: int, ws: WebSocket) -> int:
        self._sockets[episode_id].discard(ws)
        if not self._sockets[episode_id]:
            self._sockets.pop(episode_id, None)
        self._local_counts[episode_id] = max(0, self._local_counts.get(episode_id, 1) - 1)
        total = await self._redis.hincrby("live:listeners", str(episode_id), -1)
        return max(0, int(total))

    async def listener_count(self, episode_id: int) -> int:
        value = await self._redis.hget("live:listeners", str(episode_id))
        return int(value or 0)

    async def broadcast(self, episode_id: int, message: dict) -> None:
        for ws in list(self._sockets.get(episode_id, ())):
            await ws.send_json(message)

    async def snapshot(self) -> dict[int, dict]:
        async with self.stats_lock:
            counts = dict(self._local_counts)
            states: dict[int, str] = {}
            if self.premieres is not None:
                async with self.premieres.room_lock:
                    states = {ep: room.state for ep, room in self.premieres.rooms.items()}
        return {ep: {"local": n, "state": states.get(ep, "idle")} for ep, n in counts.items()}

    def sockets_for(self, episode_id: int) -> set[WebSocket]:
        return self._sockets.get(episode_id, set())
