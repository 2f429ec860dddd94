from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

logger = logging.getLogger(__name__)

router = APIRouter()

CLIENT_PING_TIMEOUT = 45.0


@router.websocket("/ws/campaigns/{campaign_id}/ticker")
async def campaign_ticker(websocket: WebSocket, campaign_id: int) -> None:
    container = websocket.app.state.container
    hub = container.ticker_hub
    if hub.count >= container.settings.ws_max_connections:
        await websocket.close(code=1013)
        return
    await websocket.accept()
    conn = await hub.join(campaign_id, websocket)
    try:
        while True:
            # The browser sends a ping every 20 s; silence means the tab is gone.
            await asyncio.wait_for(websocket.receive_text(), timeout=CLIENT_PING_TIMEOUT)
    except (WebSocketDisconnect, asyncio.TimeoutError):
        pass
    finally:
        await hub.leave(campaign_id, conn)


@router.websocket("/ws/campaigns/{campaign_id}/leaderboard")
async def leaderboard_feed(websocket: WebSocket, campaign_id: int) -> None:
    container = websocket.app.state.container
    await websocket.accept()
    board = await container.leaderboard.top_donors(campaign_id)
    await websocket.send_json({"type": "snapshot", "board": board})
    pubsub = container.redis.pubsub()
    await pubsub.subscribe(f"leaderboard:updates:{campaign_id}")
    async for message in pubsub.listen():
        if message["type"] != "message":
            continue
        board = await container.leaderboard.top_donors(campaign_id)
        await websocket.send_json({"type": "snapshot", "board": board})
