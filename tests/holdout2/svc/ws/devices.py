"""Device telemetry socket: ``/ws/devices/{serial}``.

Protocol: JSON text frames. Devices send ``readings`` batches, ``command_ack`` and
``ping``; the server answers with ``ack``/``slow_down``/``error`` and forwards commands.
"""
from __future__ import annotations

import asyncio
import json
import logging
import uuid
from typing import TYPE_CHECKING

from fastapi import APIRouter, WebSocket, WebSocketDisconnect, status
from pydantic import ValidationError

from svc.errors import CapacityError
from svc.models.schemas import ReadingBatch
from svc.services.auth import verify_device_secret
from svc.ws.registry import DeviceSession

if TYPE_CHECKING:
    from svc.api.deps import Container

log = logging.getLogger(__name__)

router = APIRouter()


async def _heartbeat(session: DeviceSession, interval: float) -> None:
    while True:
        await asyncio.sleep(interval)
        await session.send({"type": "ping"})


async def _handle_frame(container: Container, session: DeviceSession, raw: str) -> None:
    try:
        frame = json.loads(raw)
        kind = frame.get("type")
        if kind == "readings":
            batch = ReadingBatch.model_validate(frame)
            try:
                accepted = await container.pipeline.submit(session.device_id, batch.readings)
            except CapacityError:
                await session.send({"type": "slow_down", "retry_after": 5, "seq": batch.seq})
                return
            await session.send({"type": "ack", "seq": batch.seq, "accepted": accepted})
        elif kind == "command_ack":
            await container.commands.mark_delivered(uuid.UUID(str(frame["command_id"])))
        elif kind == "ping":
            await session.send({"type": "pong"})
        else:
            await session.send({"type": "error", "error": f"unknown frame type {kind!r}"})
    except (json.JSONDecodeError, ValidationError, KeyError, ValueError, AttributeError) as exc:
        await session.send({"type": "error", "error": f"malformed frame: {exc.__class__.__name__}"})


@router.websocket("/ws/devices/{serial}")
async def device_socket(websocket: WebSocket, serial: str) -> None:
    container: Container = websocket.app.state.container
    settings = container.settings

    secret = websocket.headers.get("x-device-secret")
    auth = await container.devices_repo.auth_row(serial) if secret else None
    if auth is None or not auth.active or not await verify_device_secret(auth, secret or "", settings.device_secret_pepper):
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    if len(container.registry) >= settings.ws_max_connections:
        await websocket.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return

    await websocket.accept()
    session = DeviceSession(device_id=auth.id, tenant_id=auth.tenant_id, websocket=websocket)
    try:
        await container.registry.add(session)
    except CapacityError:
        await websocket.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return

    heartbeat = asyncio.create_task(_heartbeat(session, settings.ws_heartbeat_interval), name=f"heartbeat:{serial}")
    try:
        while True:
            try:
                raw = await asyncio.wait_for(websocket.receive_text(), timeout=settings.ws_idle_timeout)
            except asyncio.TimeoutError:
                await websocket.close(code=status.WS_1001_GOING_AWAY, reason="idle")
                break
            if len(raw) > settings.ws_max_message_bytes:
                await websocket.close(code=status.WS_1009_MESSAGE_TOO_BIG)
                break
            await _handle_frame(container, session, raw)
    except WebSocketDisconnect as exc:
        log.info("device %s disconnected (code %s)", serial, exc.code)
    finally:
        heartbeat.cancel()
        await container.registry.remove(session)
        await asyncio.gather(heartbeat, return_exceptions=True)
