from __future__ import annotations

import asyncio
from uuid import UUID

import structlog
from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from homegrid.utils.ids import new_correlation_id

log = structlog.get_logger(__name__)
router = APIRouter()


@router.websocket("/ws/devices/{device_id}/console")
async def device_console(websocket: WebSocket, device_id: UUID) -> None:
    container = websocket.app.state.container
    await websocket.accept()
    device = await container.devices.get(device_id)
    stream_key = f"console:{device_id}"
    last_id = "$"
    try:
        while True:
            try:
                msg = await asyncio.wait_for(websocket.receive_json(), timeout=0.5)
            except asyncio.TimeoutError:
                msg = None
            if msg and msg.get("type") == "command":
                [command] = await container.commands.create_many(
                    [(device.id, None, msg["kind"], msg.get("payload", {}), new_correlation_id())]
                )
                await container.dispatcher.send(command, device)
                await websocket.send_json({"type": "sent", "correlation_id": command.correlation_id})
            entries = await container.redis.xread({stream_key: last_id}, count=100, block=500)
            for _stream, items in entries or []:
                for entry_id, fields in items:
                    last_id = entry_id
                    await websocket.send_json({"type": "line", "data": fields})
    except WebSocketDisconnect:
        log.info("console_closed", device_id=str(device_id))
