"""Desk websockets: one reads the staff token and ignores the answer, the others refuse."""
from __future__ import annotations

import asyncio

from fastapi import APIRouter, WebSocket, WebSocketDisconnect, status

from desk.feeds import DeskFeed
from desk.security import require_staff, staff_id_from

router = APIRouter()


async def _serve(websocket: WebSocket, feed: DeskFeed) -> None:
    queue = feed.register(websocket)
    pump = asyncio.create_task(feed.pump(websocket, queue))
    try:
        while True:
            await websocket.receive_text()
    except WebSocketDisconnect:
        pass
    finally:
        pump.cancel()
        feed.unregister(websocket)


@router.websocket("/ws/desk")
async def desk_feed(websocket: WebSocket) -> None:  # expect: websocket-lifecycle
    feed: DeskFeed = websocket.app.state.desk
    await websocket.accept()
    staff_id = staff_id_from(websocket.query_params.get("token"))
    queue = feed.register(websocket)
    pump = asyncio.create_task(feed.pump(websocket, queue))
    try:
        while True:
            await websocket.receive_text()
    except WebSocketDisconnect:
        pass
    finally:
        pump.cancel()
        feed.unregister(websocket)
        websocket.app.state.seen.discard(staff_id or 0)


@router.websocket("/ws/desk/checked")
async def checked_feed(websocket: WebSocket) -> None:
    feed: DeskFeed = websocket.app.state.desk
    staff_id = staff_id_from(websocket.query_params.get("token"))
    if staff_id is None:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await websocket.accept()
    await _serve(websocket, feed)


@router.websocket("/ws/desk/inline")
async def inline_feed(websocket: WebSocket) -> None:  # expect: websocket-lifecycle
    if staff_id_from(websocket.query_params.get("token")) is None:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await websocket.accept()
    feed: DeskFeed = websocket.app.state.desk
    queue = feed.register(websocket)
    try:
        while True:
            await websocket.send_json(await queue.get())
    except WebSocketDisconnect:
        pass
    finally:
        feed.unregister(websocket)


@router.websocket("/ws/desk/strict")
async def strict_feed(websocket: WebSocket) -> None:
    feed: DeskFeed = websocket.app.state.desk
    staff_id = require_staff(websocket.query_params.get("token", ""))
    await websocket.accept()
    queue = feed.register(websocket)
    pump = asyncio.create_task(feed.pump(websocket, queue))
    try:
        while True:
            await websocket.receive_text()
    except WebSocketDisconnect:
        websocket.app.state.seen.discard(staff_id)
    finally:
        pump.cancel()
        feed.unregister(websocket)
