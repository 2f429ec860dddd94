from __future__ import annotations

import json
import logging
import time
from collections import defaultdict

import redis.asyncio as aioredis
from starlette.websockets import WebSocket

from mailroom.metrics import WS_CONNECTIONS

log = logging.getLogger(__name__)


class ProgressHub:
    """Campaign id -> sockets watching that campaign's progress."""

    def __init__(self) -> None:
        self._rooms: dict[int, set[WebSocket]] = defaultdict(set)

    async def join(self, campaign_id: int, ws: WebSocket) -> None:
        self._rooms[campaign_id].add(ws)
        WS_CONNECTIONS.inc()

    def leave(self, campaign_id: int, ws: WebSocket) -> None:
        room = self._rooms.get(campaign_id)
        if room and ws in room:
            room.discard(ws)
            WS_CONNECTIONS.dec()
            if not room:
                self._rooms.pop(campaign_id, None)

    def watching(self, campaign_id: int) -> int:
        return len(self._rooms.get(campaign_id, ()))

    async def broadcast(self, campaign_id: int, payload: dict) -> None:
        for ws in list(self._rooms.get(campaign_id, ())):
            await ws.send_json(payload)


hub = ProgressHub()


SNAPSHOT_TTL = 6 * 3600


class ProgressPublisher:
    def __init__(self, redis: aioredis.Redis) -> None:
        self.redis = redis

    async def publish(self, campaign_id: int, payload: dict) -> None:
        message = {"campaign_id": campaign_id, "ts": time.time(), **payload}
        await self.redis.set(f"progress:last:{campaign_id}", json.dumps(message), ex=SNAPSHOT_TTL)
        await hub.broadcast(campaign_id, message)

    async def snapshot(self, campaign_id: int) -> dict | None:
        raw = await self.redis.get(f"progress:last:{campaign_id}")
        return json.loads(raw) if raw else None
