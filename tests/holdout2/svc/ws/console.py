"""Operator console: an engineer attaches to one device and sends it commands interactively."""
from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from fastapi import APIRouter, WebSocket

from svc.models.schemas import CommandIn

if TYPE_CHECKING:
    from svc.api.deps import Container

router = APIRouter()


@router.websocket("/ws/console/{device_id}")
async def console_socket(websocket: WebSocket, device_id: uuid.UUID) -> None:
    container: Container = websocket.app.state.container
    await websocket.accept()
    device = await container.devices_repo.fetch(device_id)
    print(f"console attached to {device['serial']} ({device_id})")
    await websocket.send_json({"type": "attached", "serial": device["serial"], "firmware": device["firmware_version"]})
    while True:
        message = await websocket.receive_json()
        command = CommandIn.model_validate(message)
        command_id = await container.commands.send(device_id, command)
        await websocket.send_json({"type": "queued", "command_id": str(command_id), "name": command.name})
