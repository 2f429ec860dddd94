"""Websocket channel for field technicians: issue commands, receive acknowledgements."""
from __future__ import annotations

import json
import logging

from fastapi import APIRouter, Query, WebSocket, WebSocketDisconnect

from ..db.engine import SessionFactory
from ..repositories.devices import DeviceRepository
from ..utils.auth import authenticate_technician
from ..utils.errors import RateLimited

logger = logging.getLogger(__name__)
router = APIRouter()


@router.websocket("/ws/technicians")
async def technician_channel(websocket: WebSocket, token: str = Query(...)) -> None:
    async with SessionFactory() as session:
        tech = await authenticate_technician(token, session)
    if tech is None:
        await websocket.close(code=4401)
        return
    connections = websocket.app.state.connections
    if not await connections.add(tech.id, tech.site_id, websocket):
        await websocket.close(code=4429)
        return
    await websocket.accept()
    commands = websocket.app.state.commands
    try:
        while True:
            raw = await websocket.receive_text()
            try:
                message = json.loads(raw)
            except json.JSONDecodeError:
                await websocket.send_json({"type": "error", "error": "invalid json"})
                continue
            if message.get("type") == "ping":
                await websocket.send_json({"type": "pong"})
                continue
            if message.get("type") != "command":
                await websocket.send_json({"type": "error", "error": "unsupported message type"})
                continue
            async with SessionFactory() as session:
                device = await DeviceRepository(session).get(str(message.get("device_id")))
            if device is None:
                await websocket.send_json({"type": "error", "error": "unknown device"})
                continue
            try:
                command_id = await commands.issue(tech, device, message.get("name", ""), message.get("args") or {})
            except (ValueError, PermissionError, RateLimited) as exc:
                await websocket.send_json({"type": "error", "error": str(exc)})
                continue
            await websocket.send_json({"type": "issued", "command_id": command_id})
    except WebSocketDisconnect as exc:
        logger.info("technician %s disconnected (%s)", tech.id, exc.code)
    finally:
        await connections.remove(tech.id, tech.site_id, websocket)
