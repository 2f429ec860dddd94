from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, WebSocket, WebSocketDisconnect, status

from ..core.security import has_scope, hash_api_key
from ..services.dashboard import TooManyConnections

logger = logging.getLogger(__name__)

router = APIRouter()

PING_INTERVAL_S = 25


@router.websocket("/ws/usage")
async def live_usage(websocket: WebSocket) -> None:
    container = websocket.app.state.container
    token = websocket.query_params.get("key", "")
    async with container.sessions() as session:
        principal = await container.keys.principal_for(session, await asyncio.to_thread(hash_api_key, token))
    if principal is None or not has_scope(principal, "usage:read"):
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    try:
        queue = container.live_feed.subscribe(principal.tenant_id)
    except TooManyConnections:
        await websocket.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return

    await websocket.accept()
    try:
        while True:
            try:
                update = await asyncio.wait_for(queue.get(), timeout=PING_INTERVAL_S)
            except asyncio.TimeoutError:
                await websocket.send_json({"type": "ping"})
                continue
            await websocket.send_json({"type": "usage", **update})
    except WebSocketDisconnect:
        logger.info("dashboard client left", extra={"tenant_id": principal.tenant_id})
