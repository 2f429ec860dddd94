"""Websocket feeds for the live dashboard and handheld picker devices."""
from __future__ import annotations

import logging

from fastapi import APIRouter, Query, WebSocket, WebSocketDisconnect, status

from ..db.engine import SessionLocal
from ..db.models import PickerDevice
from ..realtime import device_registry
from ..services.container import Container
from ..utils.security import decode_token, hash_pin

log = logging.getLogger(__name__)

router = APIRouter()


@router.websocket("/ws/dashboard")
async def dashboard_ws(websocket: WebSocket, token: str = Query(...)) -> None:
    container: Container = websocket.app.state.container
    if decode_token(token, container.settings.jwt_secret) is None:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await websocket.accept()
    queue = container.hub.register(websocket)
    try:
        while True:
            payload = await queue.get()
            await websocket.send_text(payload)
    except WebSocketDisconnect:
        container.hub.unregister(websocket)


@router.websocket("/ws/devices/{device_id}")
async def picker_device_ws(websocket: WebSocket, device_id: str, pin: str = Query(..., min_length=4, max_length=8)) -> None:
    container: Container = websocket.app.state.container
    async with SessionLocal() as session:
        device = await session.get(PickerDevice, device_id)
    if device is None or not device.active or hash_pin(pin, container.settings.pin_salt) != device.pin_hash:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await websocket.accept()
    device_registry.add(device_id, websocket)
    log.info("device %s connected for picker %s", device_id, device.picker_id)
    await websocket.send_json({"type": "hello", "picker": device.picker_id})
    while True:
        message = await websocket.receive_json()
        reply = await container.picking.handle_device_message(device_id, device.picker_id, message)
        if reply is not None:
            await websocket.send_json(reply)
