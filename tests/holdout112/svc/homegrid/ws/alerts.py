from __future__ import annotations

import json
from uuid import UUID

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from homegrid.ws.hub import POLICY_VIOLATION, authenticate_socket

router = APIRouter()


def alerts_channel(household_id: UUID) -> str:
    return f"alerts:{household_id}"


@router.websocket("/ws/households/{household_id}/alerts")
async def household_alerts(websocket: WebSocket, household_id: UUID) -> None:
    container = websocket.app.state.container
    principal = await authenticate_socket(websocket, container, household_id)
    if principal is None:
        await websocket.close(code=POLICY_VIOLATION)
        return
    await websocket.accept()
    pubsub = container.redis.pubsub()
    await pubsub.subscribe(alerts_channel(household_id))
    try:
        async for message in pubsub.listen():
            if message["type"] != "message":
                continue
            alert = json.loads(message["data"])
            await websocket.send_json({"type": "alert", **alert})
    except WebSocketDisconnect:
        return
