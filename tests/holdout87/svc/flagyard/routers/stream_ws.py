"""Flag-change stream for SDKs: one socket per SDK instance, pushed on every flag change."""
from __future__ import annotations

import asyncio

from fastapi import APIRouter, WebSocket, WebSocketDisconnect, status

from ..repositories.projects import ProjectRepository
from ..services.streaming import HubFull
from ..utils.hashing import sdk_key_digest

router = APIRouter()


@router.websocket("/sdk/v1/stream")
async def flag_stream(websocket: WebSocket) -> None:
    sdk_key = websocket.headers.get("x-flagyard-sdk-key") or websocket.query_params.get("sdk_key")
    if not sdk_key:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    async with websocket.app.state.sessionmaker() as session:
        env = await ProjectRepository(session).environment_by_sdk_hash(sdk_key_digest(sdk_key))
    if env is None:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return

    hub = websocket.app.state.hub
    settings = websocket.app.state.settings
    try:
        conn = hub.register(str(env.id), websocket)
    except HubFull:
        await websocket.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return
    await websocket.accept()
    await websocket.send_json({"type": "hello", "environment": env.key, "version": env.version})
    pump = asyncio.create_task(conn.pump())
    try:
        while True:
            message = await asyncio.wait_for(websocket.receive_json(), timeout=settings.stream_idle_seconds)
            if message.get("type") == "ping":
                await websocket.send_json({"type": "pong"})
    except WebSocketDisconnect:
        pump.cancel()
    except asyncio.TimeoutError:
        pump.cancel()
        hub.unregister(conn)
        await websocket.close(code=status.WS_1001_GOING_AWAY)
