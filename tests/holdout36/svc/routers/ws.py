from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, Query, WebSocket, WebSocketDisconnect, status

from svc.config import settings
from svc.db.engine import SessionLocal
from svc.security import verify_token
from svc.services.housekeeping import HousekeepingService
from svc.ws.frontdesk_feed import FeedClient, feed

logger = logging.getLogger(__name__)
router = APIRouter()


@router.websocket("/ws/housekeeping/{hotel_id}")
async def housekeeping_board(websocket: WebSocket, hotel_id: int, token: str = Query(...)) -> None:
    try:
        claims = await verify_token(token)
    except (PermissionError, ValueError):
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    hub = websocket.app.state.board_hub
    service = HousekeepingService()
    if not await hub.register(hotel_id, websocket):
        await websocket.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return
    try:
        async with SessionLocal() as session:
            await websocket.send_json({"type": "snapshot", "rooms": await service.snapshot(session, hotel_id)})
        while True:
            message = await asyncio.wait_for(websocket.receive_json(), timeout=settings.ws_idle_seconds)
            if message.get("type") == "ping":
                await websocket.send_json({"type": "pong"})
            elif message.get("type") == "status":
                async with SessionLocal() as session:
                    await service.update_status(
                        session, hotel_id, int(message["room_id"]), message["status"], claims.get("sub")
                    )
    except (WebSocketDisconnect, asyncio.TimeoutError):
        logger.debug("board socket for hotel %s closed", hotel_id)
    finally:
        await hub.unregister(hotel_id, websocket)


@router.websocket("/ws/frontdesk/{hotel_id}")
async def frontdesk_feed(websocket: WebSocket, hotel_id: int) -> None:
    await websocket.accept()
    client = FeedClient(websocket, hotel_id)
    feed.add(client)
    asyncio.create_task(client.pump())
    while True:
        text = await websocket.receive_text()
        if text == "ping":
            await websocket.send_text("pong")
