"""Pre-match lobbies: membership in redis, sockets local, fan-out via redis pub/sub."""

from __future__ import annotations

import asyncio
import json
import logging
import uuid
from collections import defaultdict
from typing import Any

from fastapi import WebSocket
from redis.asyncio import Redis

from svc.errors import ConflictError, NotFoundError

logger = logging.getLogger(__name__)

_JOIN_SCRIPT = """
if redis.call('EXISTS', KEYS[2]) == 0 then return -2 end
local size = redis.call('SCARD', KEYS[1])
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 1 then return size end
if size >= tonumber(ARGV[2]) then return -1 end
redis.call('SADD', KEYS[1], ARGV[1])
return size + 1
"""

SEND_TIMEOUT = 2.0


class LobbyService:
    def __init__(self, redis: Redis, max_members: int) -> None:
        self._redis = redis
        self._max_members = max_members
        self._join = redis.register_script(_JOIN_SCRIPT)
        self._sockets: dict[str, set[WebSocket]] = defaultdict(set)
        self._by_player: dict[int, tuple[str, WebSocket]] = {}
        self._sockets_lock = asyncio.Lock()
        self._index_lock = asyncio.Lock()

    @staticmethod
    def _members_key(lobby_id: str) -> str:
        return f"lobby:{lobby_id}:members"

    async def create(self, owner_id: int, mode: str) -> dict[str, Any]:
        lobby_id = uuid.uuid4().hex
        code = secrets.token_hex(3).upper()
        reserved = await self._redis.hsetnx("lobby:codes", code, lobby_id)
        if not reserved:
            raise ConflictError("lobby code collision, retry")
        await self._redis.hset(f"lobby:{lobby_id}", mapping={"owner": owner_id, "mode": mode, "code": code})
        await self._redis.sadd(self._members_key(lobby_id), owner_id)
        return {"lobby_id": lobby_id, "code": code}

    async def join(self, lobby_id: str, player_id: int) -> int:
        keys = [self._members_key(lobby_id), f"lobby:{lobby_id}"]
        size = await self._join(keys=keys, args=[player_id, self._max_members])
        if size == -2:
            raise NotFoundError("lobby not found")
        if size == -1:
            raise ConflictError("lobby is full")
        await self.publish(lobby_id, {"type": "joined", "player_id": player_id})
        return int(size)

    async def is_member(self, lobby_id: str, player_id: int) -> bool:
        return bool(await self._redis.sismember(self._members_key(lobby_id), player_id))

    def connection_count(self) -> int:
        return len(self._by_player)

    async def attach(self, lobby_id: str, player_id: int, websocket: WebSocket) -> None:
        async with self._sockets_lock, self._index_lock:
            self._sockets[lobby_id].add(websocket)
            self._by_player[player_id] = (lobby_id, websocket)

    async def detach(self, lobby_id: str, player_id: int, websocket: WebSocket) -> None:
        async with self._index_lock:
            current = self._by_player.get(player_id)
            if current is not None and current[1] is websocket:
                del self._by_player[player_id]
        members = self._sockets.get(lobby_id)
        if members is not None:
            members.discard(websocket)
            if not members:
                self._sockets.pop(lobby_id, None)

    async def kick(self, player_id: int, reason: str) -> None:
        async with self._index_lock:
            entry = self._by_player.pop(player_id, None)
            if entry is None:
                return
            lobby_id, websocket = entry
            await websocket.send_json({"type": "kicked", "reason": reason})
            async with self._sockets_lock:
                self._sockets[lobby_id].discard(websocket)
        await self._redis.srem(self._members_key(lobby_id), player_id)
        await websocket.close(code=4001)

    async def publish(self, lobby_id: str, message: dict[str, Any]) -> None:
        await self._redis.publish(f"lobby-events:{lobby_id}", json.dumps(message))

    async def handle_message(self, lobby_id: str, player_id: int, message: dict[str, Any]) -> None:
        kind = message.get("type")
        if kind == "chat":
            text = str(message.get("text", ""))[:280]
            await self.publish(lobby_id, {"type": "chat", "player_id": player_id, "text": text})
        elif kind == "ready":
            await self._redis.hset(f"lobby:{lobby_id}:ready", str(player_id), "1")
            await self.publish(lobby_id, {"type": "ready", "player_id": player_id})

    async def _send_with_timeout(self, websocket: WebSocket, message: dict[str, Any]) -> None:
        await asyncio.wait_for(websocket.send_json(message), timeout=SEND_TIMEOUT)

    async def deliver_local(self, lobby_id: str, message: dict[str, Any]) -> None:
        members = list(self._sockets.get(lobby_id, ()))
        results = await asyncio.gather(
            *(self._send_with_timeout(ws, message) for ws in members), return_exceptions=True
        )
        for ws, result in zip(members, results):
            if isinstance(result, Exception):
                logger.info("dropping slow or closed lobby socket: %r", result)
                self._sockets[lobby_id].discard(ws)

    async def relay(self, stop: asyncio.Event) -> None:
        """Forward lobby events published by any replica to the sockets held by this one."""
        while not stop.is_set():
            pubsub = self._redis.pubsub()
            try:
                await pubsub.psubscribe("lobby-events:*")
                while True:
                    if stop.is_set():
                        return
                    message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=1.0)
                    if message is None:
                        continue
                    lobby_id = message["channel"].split(":", 1)[1]
                    await self.deliver_local(lobby_id, json.loads(message["data"]))
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("lobby relay lost its subscription; reconnecting")
                await asyncio.sleep(1.0)
            finally:
                await pubsub.aclose()
