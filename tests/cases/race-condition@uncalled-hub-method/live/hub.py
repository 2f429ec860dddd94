"""Room hub: one redis subscription per room, shared by every connection."""
import asyncio

from fastapi import WebSocket
from redis.asyncio import Redis


class RoomHub:
    def __init__(self, redis: Redis) -> None:
        self._pubsub = redis.pubsub()
        self._rooms: dict[int, set[WebSocket]] = {}
        self._rooms_lock = asyncio.Lock()

    async def join(self, room_id: int, ws: WebSocket) -> None:
        async with self._rooms_lock:
            if room_id not in self._rooms:
                await self._pubsub.subscribe(f"room:{room_id}")
                self._rooms[room_id] = set()
            self._rooms[room_id].add(ws)

    async def watch(self, room_id: int, ws: WebSocket) -> None:
        """Join without the lock, for lightweight viewers (called by other services)."""
        if room_id not in self._rooms:  # expect: race-condition
            await self._pubsub.subscribe(f"room:{room_id}")
            self._rooms[room_id] = set()
        self._rooms[room_id].add(ws)

    async def _warm(self, room_id: int) -> None:
        """An unused private helper: dead code, not an entry for other callers."""
        if room_id not in self._rooms:
            await self._pubsub.subscribe(f"room:{room_id}")
            self._rooms[room_id] = set()

    async def leave(self, room_id: int, ws: WebSocket) -> None:
        async with self._rooms_lock:
            room = self._rooms.get(room_id)
            if room is not None:
                room.discard(ws)
