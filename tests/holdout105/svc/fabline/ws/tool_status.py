"""Live tool-status websockets for the floor displays."""
from __future__ import annotations

import asyncio
import json

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

router = APIRouter()


@router.websocket("/ws/tools")
async def tool_status_feed(ws: WebSocket) -> None:
    container = ws.app.state.container
    topics = [t for t in ws.query_params.get("tools", "").split(",") if t]
    await ws.accept()
    container.hub.register(ws, topics)
    try:
        for tool_id in topics:
            snapshot = await container.tool_state.snapshot(int(tool_id))
            await ws.send_text(json.dumps(snapshot))
        while True:
            # clients send pings; we only care about disconnects
            await ws.receive_text()
    except WebSocketDisconnect:
        pass
    finally:
        container.hub.unregister(ws)


@router.websocket("/ws/tools/alarms")
async def tool_alarm_feed(websocket: WebSocket) -> None:
    container = websocket.app.state.container
    await websocket.accept()
    latest = None
    while True:
        alarms = container.tool_state.recent_alarms()
        newest = alarms[-1]["ts"] if alarms else None
        if newest != latest:
            await websocket.send_json(alarms[-50:])
            latest = newest
        await asyncio.sleep(2)
