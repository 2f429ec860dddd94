"""Who is looking at a document right now, for the collaborative review screen."""
from __future__ import annotations

import asyncio
import json
import logging
from collections import defaultdict
from datetime import datetime, timezone
from typing import Any

import redis.asyncio as aioredis
from redis.exceptions import RedisError
from starlette.websockets import WebSocket, WebSocketDisconnect

from lexdesk.security import Principal

log = logging.getLogger(__name__)

ROSTER_TTL = 3600
SEND_TIMEOUT = 2.0


class PresenceService:
    def __init__(self, redis: aioredis.Redis) -> None:
        self._redis = redis
        self._sockets: dict[int, set[WebSocket]] = defaultdict(set)
        self._owners: dict[WebSocket, int] = {}
        self._lock = asyncio.Lock()

    @staticmethod
    def _roster_key(document_id: int) -> str:
        return f"presence:doc:{document_id}"

    def connection_count(self, user_id: int) -> int:
        return sum(1 for owner in self._owners.values() if owner == user_id)

    async def join(self, document_id: int, user: Principal, websocket: WebSocket) -> None:
        async with self._lock:
            self._sockets[document_id].add(websocket)
            self._owners[websocket] = user.user_id
        entry = {"name": user.name, "since": datetime.now(timezone.utc).isoformat()}
        key = self._roster_key(document_id)
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.hset(key, str(user.user_id), json.dumps(entry))
            pipe.expire(key, ROSTER_TTL)
            await pipe.execute()
        await self.broadcast(document_id, {"type": "joined", "user_id": user.user_id, "name": user.name})

    async def leave(self, document_id: int, websocket: WebSocket) -> None:
        async with self._lock:
            self._sockets.get(document_id, set()).discard(websocket)
            if not self._sockets.get(document_id):
                self._sockets.pop(document_id, None)
            user_id = self._owners.pop(websocket, None)
        if user_id is None:
            return
        if user_id not in {self._owners.get(ws) for ws in self._sockets.get(document_id, ())}:
            await self._redis.hdel(self._roster_key(document_id), str(user_id))
            await self.broadcast(document_id, {"type": "left", "user_id": user_id})

    async def roster(self, document_id: int) -> list[dict[str, Any]]:
        try:
            raw = await self._redis.hgetall(self._roster_key(document_id))
        except RedisError:
            log.warning("presence roster unavailable for document %s", document_id, exc_info=True)
            return []
        return [{"user_id": int(uid), **json.loads(value)} for uid, value in raw.items()]

    async def broadcast(self, document_id: int, message: dict[str, Any], exclude: WebSocket | None = None) -> None:
        async with self._lock:
            peers = list(self._sockets.get(document_id, ()))
        for peer in peers:
            if peer is exclude:
                continue
            try:
                await asyncio.wait_for(peer.send_json(message), timeout=SEND_TIMEOUT)
            except (asyncio.TimeoutError, RuntimeError, WebSocketDisconnect):
                await self.leave(document_id, peer)
