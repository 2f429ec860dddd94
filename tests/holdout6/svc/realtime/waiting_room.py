"""Live waiting room: patients see their queue position and when the clinician is ready.

Connections are local to each replica; events arrive through redis pub/sub so that a
change made on any replica reaches every connected patient.
"""
from __future__ import annotations

import asyncio
import logging
from collections import defaultdict

from fastapi import WebSocket
from redis.asyncio import Redis

logger = logging.getLogger(__name__)


class WaitingRoomHub:
    def __init__(self, max_connections: int) -> None:
        self._local: dict[int, set[WebSocket]] = defaultdict(set)
        self._lock = asyncio.Lock()
        self._max = max_connections
        self._count = 0

    async def register(self, clinic_id: int, websocket: WebSocket) -> bool:
        async with self._lock:
            if self._count >= self._max:
                return False
            self._local[clinic_id].add(websocket)
            self._count += 1
            return True

    async def unregister(self, clinic_id: int, websocket: WebSocket) -> None:
        async with self._lock:
            members = self._local.get(clinic_id)
            if members is not None and websocket in members:
                members.discard(websocket)
                self._count -= 1
                if not members:
                    del self._local[clinic_id]

    async def fan_out(self, clinic_id: int, message: str) -> None:
        targets = list(self._local.get(clinic_id, ()))
        for ws in targets:
            try:
                await asyncio.wait_for(ws.send_text(message), timeout=2)
            except Exception:
                logger.info("dropping slow or closed waiting-room client in clinic %s", clinic_id)
                await self.unregister(clinic_id, ws)

    async def listen(self, redis: Redis) -> None:
        pubsub = redis.pubsub()
        await pubsub.psubscribe("waiting-room:*")
        try:
            async for message in pubsub.listen():
                if message.get("type") != "pmessage":
                    continue
                clinic_id = int(str(message["channel"]).rsplit(":", 1)[1])
                await self.fan_out(clinic_id, message["data"])
        finally:
            await pubsub.aclose()
