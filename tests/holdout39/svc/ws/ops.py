"""Live operations dashboard feed. Events arrive over redis pub/sub so every replica sees all of them."""
from __future__ import annotations

import asyncio
import contextlib
import json
import logging

import redis.asyncio as redis
from fastapi import APIRouter, Query, WebSocket, WebSocketDisconnect, status

from svc.services.auth import resolve_token


logger = logging.getLogger(__name__)

OPS_CHANNEL = "ops:events"
SEND_TIMEOUT_S = 2.0


class OpsHub:
    def __init__(self, client: redis.Redis, max_connections: int = 200) -> None:
        self._redis = client
        self.max_connections = max_connections
        self._sockets: set[WebSocket] = set()
        self._listener: asyncio.Task | None = None

    def full(self) -> bool:
        return len(self._sockets) >= self.max_connections

    def add(self, ws: WebSocket) -> None:
        self._sockets.add(ws)

    def discard(self, ws: WebSocket) -> None:
        self._sockets.discard(ws)

    async def start(self) -> None:
        self._listener = asyncio.create_task(self._listen(), name="ops-hub-listener")

    async def stop(self) -> None:
        if self._listener is not None:
            self._listener.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._listener

    async def _listen(self) -> None:
        backoff = 1.0
        while True:
            try:
                async with self._redis.pubsub() as pubsub:
                    await pubsub.subscribe(OPS_CHANNEL)
                    backoff = 1.0
                    async for message in pubsub.listen():
                        if message["type"] == "message":
                            await self._broadcast(json.loads(message["data"]))
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("ops pubsub listener failed; reconnecting in %.0fs", backoff)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 30.0)

    async def _broadcast(self, event: dict) -> None:
        for ws in list(self._sockets):
            try:
                await asyncio.wait_for(ws.send_json(event), timeout=SEND_TIMEOUT_S)
            except (WebSocketDisconnect, RuntimeError, OSError, asyncio.TimeoutError):
                logger.info("dropping slow or closed ops socket")
                self._sockets.discard(ws)


router = APIRouter()

IDLE_TIMEOUT_S = 90


@router.websocket("/ws/ops")
async def ops_feed(websocket: WebSocket, token: str = Query(...)) -> None:
    principal = await resolve_token(websocket.app.state.redis, token)
    if principal is None or principal.kind != "staff":
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    hub = websocket.app.state.ops_hub
    if hub.full():
        await websocket.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return
    await websocket.accept()
    hub.add(websocket)
    try:
        while True:
            # the dashboard sends "ping" every 30s; anything else is ignored
            await asyncio.wait_for(websocket.receive_text(), timeout=IDLE_TIMEOUT_S)
    except (WebSocketDisconnect, asyncio.TimeoutError):
        pass
    finally:
        hub.discard(websocket)
