from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections import defaultdict

from fastapi import APIRouter, WebSocket, WebSocketDisconnect, status

from ..config import settings
from ..deps import decode_carrier_token
from ..metrics import WS_CONNECTIONS
from ..utils.resilience import RedisConnectionQuota

log = logging.getLogger(__name__)

router = APIRouter()


class WatcherRegistry:
    """Shipper dashboards watching live positions, keyed by load."""

    def __init__(self) -> None:
        self._watchers: dict[uuid.UUID, set[WebSocket]] = defaultdict(set)

    def add(self, load_id: uuid.UUID, websocket: WebSocket) -> None:
        self._watchers[load_id].add(websocket)

    def remove(self, load_id: uuid.UUID, websocket: WebSocket) -> None:
        sockets = self._watchers.get(load_id)
        if sockets is not None:
            sockets.discard(websocket)
            if not sockets:
                del self._watchers[load_id]

    async def push(self, load_id: uuid.UUID, position: dict) -> None:
        for websocket in list(self._watchers.get(load_id, ())):
            try:
                await asyncio.wait_for(websocket.send_json({"type": "position", **position}), timeout=2.0)
            except Exception:
                self.remove(load_id, websocket)


watchers = WatcherRegistry()


@router.websocket("/ws/drivers/{device_id}")
async def driver_feed(websocket: WebSocket, device_id: str):
    await websocket.accept()
    ingest = websocket.app.state.ingest
    tracking = websocket.app.state.services.tracking
    WS_CONNECTIONS.labels("driver").inc()
    try:
        while True:
            raw = await asyncio.wait_for(websocket.receive_json(), timeout=settings.ws_idle_seconds)
            ping = tracking.accept_single(raw, device_id)
            if ping is None:
                continue
            await ingest.submit(ping)
            await watchers.push(ping.load_id, {"lat": ping.lat, "lon": ping.lon, "at": ping.recorded_at.isoformat()})
    except (WebSocketDisconnect, asyncio.TimeoutError):
        pass
    finally:
        WS_CONNECTIONS.labels("driver").dec()
        with contextlib.suppress(RuntimeError):
            await websocket.close()


@router.websocket("/ws/loads/{load_id}/track")
async def watch_load(websocket: WebSocket, load_id: uuid.UUID, token: str):
    try:
        shipper_id = str(decode_carrier_token(token))
    except Exception:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    quota = RedisConnectionQuota(websocket.app.state.redis, settings.ws_max_connections_per_shipper)
    if not await quota.acquire(shipper_id):
        await websocket.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return
    await websocket.accept()
    watchers.add(load_id, websocket)
    try:
        while True:
            message = await asyncio.wait_for(websocket.receive_text(), timeout=settings.ws_idle_seconds)
            if message == "ping":
                await websocket.send_text("pong")
    except (WebSocketDisconnect, asyncio.TimeoutError):
        pass
    finally:
        watchers.remove(load_id, websocket)
        await quota.release(shipper_id)
