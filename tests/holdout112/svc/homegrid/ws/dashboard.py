from __future__ import annotations

import asyncio
import json
from uuid import UUID

import structlog
from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from homegrid.services.live import live_channel
from homegrid.ws.hub import POLICY_VIOLATION, authenticate_socket
from homegrid.ws.hub import hub

log = structlog.get_logger(__name__)
router = APIRouter()

MAX_CLIENT_MESSAGE = 4096


@router.websocket("/ws/households/{household_id}/live")
async def household_live(websocket: WebSocket, household_id: UUID) -> None:
    container = websocket.app.state.container
    principal = await authenticate_socket(websocket, container, household_id)
    if principal is None:
        await websocket.close(code=POLICY_VIOLATION)
        return
    await websocket.accept()
    pubsub = container.redis.pubsub()
    pump_task: asyncio.Task | None = None

    async def pump() -> None:
        async for message in pubsub.listen():
            if message["type"] == "message":
                await asyncio.wait_for(websocket.send_text(message["data"]), timeout=5)

    await hub.register(household_id, websocket)
    try:
        await container.dashboard.viewer_joined(household_id)
        await pubsub.subscribe(live_channel(household_id))
        pump_task = asyncio.create_task(pump(), name=f"live-pump-{household_id}")
        await websocket.send_json(await container.dashboard.snapshot(household_id))
        while True:
            raw = await asyncio.wait_for(websocket.receive_text(), timeout=90)
            if len(raw) > MAX_CLIENT_MESSAGE:
                await websocket.close(code=1009)
                break
            msg = json.loads(raw)
            if msg.get("type") == "ping":
                await websocket.send_json({"type": "pong"})
            elif msg.get("type") == "refresh":
                await websocket.send_json(await container.dashboard.snapshot(household_id))
    except (WebSocketDisconnect, asyncio.TimeoutError):
        pass
    except Exception:
        log.exception("live_socket_error", household_id=str(household_id))
    finally:
        if pump_task is not None:
            pump_task.cancel()
        await hub.unregister(household_id, websocket)
        try:
            await pubsub.unsubscribe(live_channel(household_id))
            await pubsub.aclose()
        finally:
            await container.dashboard.viewer_left(household_id)
