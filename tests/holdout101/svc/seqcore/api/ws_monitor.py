from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from seqcore.api.auth import principal_from_token
from seqcore.repositories.runs import RunRepository

logger = logging.getLogger(__name__)
router = APIRouter()


@router.websocket("/ws/runs/{run_id}")
async def run_monitor(websocket: WebSocket, run_id: str) -> None:
    principal = principal_from_token(websocket, websocket.query_params.get("token"))
    if principal is None:
        await websocket.close(code=4401)
        return
    hub = websocket.app.state.hub
    if not hub.has_capacity():
        await websocket.close(code=1013)
        return
    await websocket.accept()
    hub.subscribe(run_id, websocket)
    idle_timeout = websocket.app.state.settings.ws_idle_timeout_s
    runs = RunRepository(websocket.app.state.pg)
    try:
        while True:
            try:
                message = await asyncio.wait_for(websocket.receive_text(), timeout=idle_timeout)
            except asyncio.TimeoutError:
                await websocket.send_json({"type": "ping"})
                continue
            if message == "snapshot":
                record = await runs.get(run_id)
                await websocket.send_json({"type": "snapshot", "status": record["status"] if record else None})
    except WebSocketDisconnect:
        logger.info("monitor client for run %s disconnected", run_id)
