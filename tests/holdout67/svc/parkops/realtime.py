"""Expired-session feed for officers' handhelds: Redis pub/sub fan-out to local sockets."""
from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import asdict, dataclass
from datetime import datetime

from fastapi import APIRouter, WebSocket, WebSocketDisconnect, status
from redis.asyncio import Redis

try:
    import orjson

    def _loads(raw: str | bytes) -> dict:
        return orjson.loads(raw)
except ImportError:
    def _loads(raw: str | bytes) -> dict:
        return json.loads(raw)

from .config import get_settings
from .services.auth import AuthError, decode_token


log = logging.getLogger(__name__)

CHANNEL = "enforcement:expired"


@dataclass(frozen=True)
class ExpiredEvent:
    session_id: int
    plate: str
    zone_id: int
    ended_at: datetime

    def to_json(self) -> str:
        data = asdict(self)
        data["ended_at"] = self.ended_at.isoformat()
        return json.dumps(data)


class FeedPublisher:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def publish_expired(self, event: ExpiredEvent) -> None:
        await self._redis.publish(CHANNEL, event.to_json())


@dataclass
class _Connection:
    officer_id: str
    zones: frozenset[int]
    socket: WebSocket
    outbox: asyncio.Queue[str]


class OfficerRegistry:
    """Sockets connected to this replica; events arrive through Redis so every replica sees them."""

    def __init__(self, outbox_size: int) -> None:
        self._outbox_size = outbox_size
        self._conns: dict[int, _Connection] = {}

    def register(self, officer_id: str, zones: frozenset[int], socket: WebSocket) -> _Connection:
        conn = _Connection(officer_id, zones, socket, asyncio.Queue(maxsize=self._outbox_size))
        self._conns[id(socket)] = conn
        return conn

    def unregister(self, socket: WebSocket) -> None:
        self._conns.pop(id(socket), None)

    def deliver(self, zone_id: int, payload: str) -> None:
        for key in list(self._conns):
            conn = self._conns.get(key)
            if conn is None or zone_id not in conn.zones:
                continue
            try:
                conn.outbox.put_nowait(payload)
            except asyncio.QueueFull:
                log.warning("officer %s is not keeping up; dropping event", conn.officer_id)

    @property
    def size(self) -> int:
        return len(self._conns)


async def listen(redis: Redis, registry: OfficerRegistry) -> None:
    pubsub = redis.pubsub()
    await pubsub.subscribe(CHANNEL)
    try:
        async for message in pubsub.listen():
            if message.get("type") != "message":
                continue
            data = message["data"]
            zone_id = _loads(data)["zone_id"]
            registry.deliver(zone_id, data)
    finally:
        await pubsub.unsubscribe(CHANNEL)
        await pubsub.aclose()


router = APIRouter()

MAX_CONNECTIONS = 2000


async def _pump(websocket: WebSocket, outbox: asyncio.Queue[str]) -> None:
    while True:
        payload = await outbox.get()
        await websocket.send_text(payload)


@router.websocket("/ws/enforcement")
async def enforcement_feed(websocket: WebSocket) -> None:
    settings = get_settings()
    registry: OfficerRegistry = websocket.app.state.officer_registry
    token = websocket.query_params.get("token", "")
    try:
        claims = decode_token(token, settings.officer_jwt_secret)
    except AuthError:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    if registry.size >= MAX_CONNECTIONS:
        await websocket.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return
    await websocket.accept()
    conn = registry.register(claims["sub"], frozenset(claims["zones"]), websocket)
    pump = asyncio.create_task(_pump(websocket, conn.outbox))
    try:
        while True:
            message = await asyncio.wait_for(websocket.receive_text(), timeout=settings.ws_idle_timeout)
            if message == "ping":
                await websocket.send_text("pong")
    except WebSocketDisconnect:
        log.info("officer %s disconnected", claims["sub"])
    except asyncio.TimeoutError:
        log.info("officer %s idle, closing", claims["sub"])
        await websocket.close(code=status.WS_1001_GOING_AWAY)
    finally:
        pump.cancel()
        registry.unregister(websocket)
