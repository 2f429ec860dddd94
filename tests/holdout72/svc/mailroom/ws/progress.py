"""Live campaign progress for the dashboard."""
from __future__ import annotations

import logging

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from mailroom.ws.hub import hub

log = logging.getLogger(__name__)
router = APIRouter()


@router.websocket("/ws/campaigns/{campaign_id}/progress")
async def campaign_progress(websocket: WebSocket, campaign_id: int):
    await websocket.accept()
    await hub.join(campaign_id, websocket)
    snapshot = await websocket.app.state.container.progress.snapshot(campaign_id)
    if snapshot:
        await websocket.send_json(snapshot)
    try:
        while True:
            msg = await websocket.receive_text()
            if msg == "ping":
                await websocket.send_text("pong")
    except WebSocketDisconnect:
        log.debug("progress socket for campaign %s closed", campaign_id)
