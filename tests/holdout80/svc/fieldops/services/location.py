from __future__ import annotations

import asyncio
import json
from datetime import datetime
from typing import TYPE_CHECKING

import redis.asyncio as redis
from fieldops.cache.keys import board_channel, tech_location_key
from fieldops.logging_setup import get_logger
from fieldops.repositories.locations import LocationRepository

if TYPE_CHECKING:
    from starlette.websockets import WebSocket

logger = get_logger(__name__)


class LocationHub:
    """Tracks connected technician devices and buffers their GPS pings for batch insert."""

    def __init__(self, repo: LocationRepository, redis_client: redis.Redis, flush_seconds: float) -> None:
        self._repo = repo
        self._redis = redis_client
        self._flush_seconds = flush_seconds
        self._online: dict[int, WebSocket] = {}
        self._buffer: asyncio.Queue[tuple[int, float, float, datetime]] = asyncio.Queue(maxsize=20_000)
        self.dropped = 0

    def register(self, technician_id: int, websocket: WebSocket) -> None:
        self._online[technician_id] = websocket

    def unregister(self, technician_id: int, websocket: WebSocket) -> None:
        if self._online.get(technician_id) is websocket:
            del self._online[technician_id]

    def online_count(self) -> int:
        return len(self._online)

    async def record(self, account_id: int, technician_id: int, lat: float, lng: float, at: datetime) -> None:
        try:
            self._buffer.put_nowait((technician_id, lat, lng, at))
        except asyncio.QueueFull:
            self.dropped += 1
        point = {"technician_id": technician_id, "lat": lat, "lng": lng, "at": at.isoformat()}
        await self._redis.hset(tech_location_key(account_id), str(technician_id), json.dumps(point))
        await self._redis.publish(board_channel(account_id), json.dumps({"type": "position", **point}))

    async def last_position(self, account_id: int, technician_id: int) -> tuple[float, float] | None:
        raw = await self._redis.hget(tech_location_key(account_id), str(technician_id))
        if raw is None:
            return None
        point = json.loads(raw)
        return point["lat"], point["lng"]

    async def send_to_technician(self, technician_id: int, message: dict) -> bool:
        websocket = self._online.get(technician_id)
        if websocket is None:
            return False
        await websocket.send_json(message)
        return True

    def _drain(self, limit: int = 5000) -> list[tuple[int, float, float, datetime]]:
        batch = []
        while len(batch) < limit and not self._buffer.empty():
            batch.append(self._buffer.get_nowait())
        return batch

    async def run_flusher(self) -> None:
        while True:
            await asyncio.sleep(self._flush_seconds)
            batch = self._drain()
            if batch:
                await self._repo.insert_batch(batch)
                logger.debug("flushed positions", count=len(batch))
