from __future__ import annotations

import asyncio
import json
from collections import defaultdict
from typing import Any

import structlog
from redis.asyncio import Redis
from starlette.websockets import WebSocket, WebSocketState

log = structlog.get_logger(__name__)

SEND_TIMEOUT_S = 5.0


class ConnectionHub:
    """Fans live events out to the websockets connected to this replica.

    Every replica subscribes to the same redis pattern, so events published by
    any process reach every connected dashboard.
    """

    def __init__(self, redis: Redis) -> None:
        self._redis = redis
        self._rooms: dict[str, set[WebSocket]] = defaultdict(set)
        self._rooms_lock = asyncio.Lock()
        self._status_lock = asyncio.Lock()
        self._last_status: dict[str, dict[str, Any]] = {}

    async def join(self, org_id: str, websocket: WebSocket) -> None:
        async with self._rooms_lock:
            self._rooms[org_id].add(websocket)
            async with self._status_lock:
                snapshot = dict(self._last_status.get(org_id, {}))
        if snapshot:
            await websocket.send_json({"type": "snapshot", "monitors": snapshot})

    async def leave(self, org_id: str, websocket: WebSocket) -> None:
        async with self._rooms_lock:
            room = self._rooms.get(org_id)
            if room is not None:
                room.discard(websocket)
                if not room:
                    del self._rooms[org_id]
                    self._last_status.pop(org_id, None)

    def connection_count(self) -> int:
        return sum(len(room) for room in self._rooms.values())

    async def _send(self, websocket: WebSocket, payload: str) -> None:
        if websocket.client_state != WebSocketState.CONNECTED:
            return
        try:
            await asyncio.wait_for(websocket.send_text(payload), timeout=SEND_TIMEOUT_S)
        except (asyncio.TimeoutError, RuntimeError, ConnectionError):
            log.info("hub.send_failed", client=str(websocket.client))

    async def _fan_out(self, org_id: str, event: dict[str, Any]) -> None:
        async with self._rooms_lock:
            targets = list(self._rooms.get(org_id, ()))
        if not targets:
            return
        payload = json.dumps(event, default=str)
        await asyncio.gather(*(self._send(ws, payload) for ws in targets))

    async def apply_event(self, org_id: str, event: dict[str, Any]) -> None:
        async with self._status_lock:
            if event.get("type") == "monitor.status":
                self._last_status.setdefault(org_id, {})[event["monitor_id"]] = {
                    "status": event["status"],
                    "latency_ms": event.get("latency_ms"),
                }
            await self._fan_out(org_id, event)

    async def run_listener(self) -> None:
        pubsub = self._redis.pubsub()
        await pubsub.psubscribe("pw:live:org:*")
        try:
            async for message in pubsub.listen():
                if message.get("type") != "pmessage":
                    continue
                org_id = message["channel"].rsplit(":", 1)[-1]
                try:
                    event = json.loads(message["data"])
                except json.JSONDecodeError:
                    log.warning("hub.bad_event", channel=message["channel"])
                    continue
                await self.apply_event(org_id, event)
        finally:
            await pubsub.punsubscribe()
            await pubsub.aclose()
