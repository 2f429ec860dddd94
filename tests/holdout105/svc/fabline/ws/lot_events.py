"""Lot event websockets (lot moves, holds) for the WIP board and lot detail pages."""
from __future__ import annotations

import asyncio
import json

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

router = APIRouter()


@router.websocket("/ws/lots/{lot_id}")
async def lot_detail_feed(websocket: WebSocket, lot_id: int) -> None:
    container = websocket.app.state.container
    await websocket.accept()
    pubsub = container.redis.pubsub()
    await pubsub.subscribe(container.settings.lot_events_channel)
    try:
        while True:
            message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=1.0)
            if message is None:
                continue
            event = json.loads(message["data"])
            if event.get("lot_id") == lot_id:
                await websocket.send_json(event)
    except WebSocketDisconnect:
        return


@router.websocket("/ws/lots/{lot_id}/history")
async def lot_history_feed(websocket: WebSocket, lot_id: int) -> None:
    container = websocket.app.state.container
    await websocket.accept()
    channel = container.settings.lot_events_channel
    pubsub = container.redis.pubsub()
    await pubsub.subscribe(channel)
    try:
        while True:
            message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=1.0)
            if message is not None and json.loads(message["data"]).get("lot_id") == lot_id:
                await websocket.send_text(message["data"])
    except WebSocketDisconnect:
        pass
    finally:
        await pubsub.unsubscribe(channel)
        await pubsub.aclose()


@router.websocket("/ws/board")
async def wip_board_feed(websocket: WebSocket) -> None:
    container = websocket.app.state.container
    await websocket.accept()
    container.hub.register(websocket, ["board"])
    try:
        while True:
            await asyncio.wait_for(websocket.receive_text(), timeout=60)
    except (WebSocketDisconnect, asyncio.TimeoutError):
        return
