from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import defaultdict
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Query, WebSocket, WebSocketDisconnect

from ..db import redis
from ..observability import GATE_CONNECTIONS
from ..security import decode_token

log = logging.getLogger(__name__)


class GateConnectionManager:
    """Door-staff websocket connections, grouped by event."""

    def __init__(self) -> None:
        self._connections: dict[int, set[WebSocket]] = defaultdict(set)

    async def connect(self, event_id: int, websocket: WebSocket) -> None:
        await websocket.accept()
        self._connections[event_id].add(websocket)
        GATE_CONNECTIONS.inc()

    def disconnect(self, event_id: int, websocket: WebSocket) -> None:
        peers = self._connections.get(event_id)
        if peers is None or websocket not in peers:
            return
        peers.discard(websocket)
        GATE_CONNECTIONS.dec()
        if not peers:
            self._connections.pop(event_id, None)

    async def broadcast(self, event_id: int, message: dict[str, Any]) -> None:
        for websocket in list(self._connections.get(event_id, ())):
            await websocket.send_json(message)

    def count(self, event_id: int) -> int:
        return len(self._connections.get(event_id, ()))


gate_manager = GateConnectionManager()


router = APIRouter()

IDLE_TIMEOUT_SECONDS = 45


@router.websocket("/ws/gates/{event_id}")
async def gate_feed(websocket: WebSocket, event_id: int, token: str = Query(...)) -> None:
    principal = decode_token(token)
    if principal is None or principal.role not in {"staff", "admin"} or event_id not in principal.event_ids:
        await websocket.close(code=4403)
        return
    await gate_manager.connect(event_id, websocket)
    try:
        while True:
            message = await asyncio.wait_for(websocket.receive_json(), timeout=IDLE_TIMEOUT_SECONDS)
            if message.get("type") == "ping":
                await websocket.send_json({"type": "pong", "peers": gate_manager.count(event_id)})
    except (WebSocketDisconnect, asyncio.TimeoutError):
        pass
    finally:
        gate_manager.disconnect(event_id, websocket)


if TYPE_CHECKING:
    from ..services.scanning import ScanService

SCANNER_PROTOCOL = b"2"

_device_sessions: dict[str, dict[str, Any]] = {}


def _service(websocket: WebSocket) -> ScanService:
    return websocket.app.state.scan_service


@router.websocket("/ws/scanner/{device_id}")
async def scanner_socket(websocket: WebSocket, device_id: str) -> None:
    await websocket.accept(headers=[(b"x-scanner-protocol", SCANNER_PROTOCOL)])
    _device_sessions[device_id] = {"connected_at": datetime.now(UTC).isoformat(), "scans": 0, "gate": None}
    service = _service(websocket)
    while True:
        try:
            data = await websocket.receive_json()
        except WebSocketDisconnect:
            log.info("scanner %s disconnected", device_id)
            break
        try:
            payload = str(data["payload"])
            event_id = int(data["event_id"])
            gate = str(data.get("gate") or "main")
        except (KeyError, TypeError, ValueError):
            await websocket.send_json({"error": "bad_request"})
            continue
        result = await service.scan(payload, event_id, device_id, gate)
        session = _device_sessions[device_id]
        session["scans"] += 1
        session["gate"] = gate
        await websocket.send_json(result.as_dict())


def device_sessions() -> dict[str, dict[str, Any]]:
    return {device: dict(state) for device, state in _device_sessions.items()}


HEARTBEAT_SECONDS = 20
QUEUE_LIMIT = 100


@router.websocket("/ws/events/{event_id}/capacity")
async def capacity_feed(websocket: WebSocket, event_id: int, token: str = Query(...)) -> None:
    principal = decode_token(token)
    if principal is None or principal.role not in {"promoter", "admin"}:
        await websocket.close(code=4401)
        return
    await websocket.accept()

    queue: asyncio.Queue[str] = asyncio.Queue(maxsize=QUEUE_LIMIT)
    pubsub = redis.pubsub()
    await pubsub.subscribe(f"gate:{event_id}")

    async def pump() -> None:
        async for message in pubsub.listen():
            if message.get("type") != "message":
                continue
            if queue.full():
                queue.get_nowait()
            queue.put_nowait(message["data"])

    pump_task = asyncio.create_task(pump(), name=f"capacity-pump-{event_id}")
    try:
        while True:
            try:
                data = await asyncio.wait_for(queue.get(), timeout=HEARTBEAT_SECONDS)
            except asyncio.TimeoutError:
                await websocket.send_json({"type": "heartbeat"})
                continue
            await websocket.send_text(data)
    except WebSocketDisconnect:
        log.debug("capacity feed for event %s closed", event_id)
    finally:
        pump_task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await pump_task
        await pubsub.unsubscribe(f"gate:{event_id}")
        await pubsub.aclose()
