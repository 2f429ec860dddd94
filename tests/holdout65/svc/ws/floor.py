"""Host-stand websockets: per-replica connection registry and live floor status."""
from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import defaultdict

from fastapi import APIRouter, WebSocket, WebSocketDisconnect, status
from starlette.websockets import WebSocket, WebSocketState

from svc.auth import StaffClaims, decode_staff_token
from svc.config import settings
from svc.db import pg
from svc.repositories.tables import TableRepository

log = logging.getLogger(__name__)


class TooManyConnections(Exception):
    pass


class ConnectionManager:
    def __init__(self, max_per_room: int = settings.ws_max_connections_per_restaurant) -> None:
        self.max_per_room = max_per_room
        self.rooms: dict[int, set[WebSocket]] = defaultdict(set)
        self._lock = asyncio.Lock()

    async def connect(self, restaurant_id: int, websocket: WebSocket) -> None:
        async with self._lock:
            if len(self.rooms[restaurant_id]) >= self.max_per_room:
                raise TooManyConnections(restaurant_id)
            self.rooms[restaurant_id].add(websocket)

    async def disconnect(self, restaurant_id: int, websocket: WebSocket) -> None:
        room = self.rooms.get(restaurant_id)
        if room is None:
            return
        room.discard(websocket)
        if not room:
            self.rooms.pop(restaurant_id, None)

    async def broadcast(self, restaurant_id: int, message: dict) -> None:
        targets = list(self.rooms.get(restaurant_id, ()))
        if not targets:
            return
        results = await asyncio.gather(
            *(asyncio.wait_for(ws.send_json(message), timeout=2.0) for ws in targets),
            return_exceptions=True,
        )
        for ws, result in zip(targets, results):
            if isinstance(result, Exception):
                log.info("dropping host-stand socket after send failure: %r", result)
                await self.disconnect(restaurant_id, ws)

    def connection_count(self) -> int:
        return sum(len(room) for room in self.rooms.values())


floor_connections = ConnectionManager()
waitlist_connections = ConnectionManager()

router = APIRouter()


@router.websocket("/ws/floor/{restaurant_id}")
async def floor_socket(websocket: WebSocket, restaurant_id: int) -> None:
    token = websocket.query_params.get("token", "")
    claims: StaffClaims | None = decode_staff_token(token)
    if claims is None or restaurant_id not in claims.restaurant_ids:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await websocket.accept()
    try:
        await floor_connections.connect(restaurant_id, websocket)
    except TooManyConnections:
        await websocket.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return
    try:
        states = await TableRepository(pg.pool()).floor_states(restaurant_id)
        await websocket.send_json({"type": "snapshot", "tables": [s.__dict__ for s in states]})
        while True:
            try:
                msg = await asyncio.wait_for(websocket.receive_json(), timeout=settings.ws_heartbeat_s * 2)
            except asyncio.TimeoutError:
                await websocket.send_json({"type": "ping"})
                continue
            if msg.get("type") == "pong":
                continue
            log.debug("ignoring host-stand message %s", msg.get("type"))
    except WebSocketDisconnect:
        pass
    finally:
        await floor_connections.disconnect(restaurant_id, websocket)
        with contextlib.suppress(RuntimeError):
            await websocket.close()


async def deliver_floor_event(restaurant_id: int, event: dict) -> None:
    await floor_connections.broadcast(restaurant_id, {"type": "update", **event})
