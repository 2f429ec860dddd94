from __future__ import annotations

from uuid import UUID

import structlog
from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from homegrid.ws.hub import POLICY_VIOLATION, authenticate_socket
from homegrid.ws.hub import hub

log = structlog.get_logger(__name__)
router = APIRouter()

STEPS = ("pair", "verify_telemetry", "set_limits", "done")


@router.websocket("/ws/households/{household_id}/commissioning")
async def commissioning(websocket: WebSocket, household_id: UUID) -> None:
    container = websocket.app.state.container
    principal = await authenticate_socket(websocket, container, household_id)
    if principal is None:
        await websocket.close(code=POLICY_VIOLATION)
        return
    await websocket.accept()
    await hub.register(household_id, websocket)
    step = 0
    try:
        while step < len(STEPS) - 1:
            msg = await websocket.receive_json()
            if msg.get("step") != STEPS[step]:
                await websocket.send_json({"error": "unexpected step", "expected": STEPS[step]})
                continue
            if STEPS[step] == "verify_telemetry":
                device = await container.devices.by_serial(msg["serial"])
                if device is None or device.last_seen_at is None:
                    await websocket.send_json({"error": "no telemetry yet"})
                    continue
            step += 1
            await websocket.send_json({"ok": True, "next": STEPS[step]})
        await websocket.close()
        await hub.unregister(household_id, websocket)
    except WebSocketDisconnect:
        await hub.unregister(household_id, websocket)
