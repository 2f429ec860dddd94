"""Websocket endpoints of the board service."""
import asyncio
import logging

from fastapi import APIRouter, WebSocket, WebSocketDisconnect, status

from board.auth import verify_ticket
from board.hub import hub
from board.stats import board_totals, sales_summary, ticker

logger = logging.getLogger(__name__)
router = APIRouter()


@router.websocket("/ws/boards/{board_id}/live")
async def board_live(websocket: WebSocket, board_id: int) -> None:  # expect: websocket-lifecycle
    if await verify_ticket(websocket) is None:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await websocket.accept()
    hub.attach(board_id, websocket)  # expect: websocket-lifecycle
    while True:
        text = await websocket.receive_text()  # expect: websocket-lifecycle
        if text == "ping":
            await websocket.send_text("pong")


@router.websocket("/ws/boards/{board_id}/watch")
async def board_watch(websocket: WebSocket, board_id: int) -> None:
    if await verify_ticket(websocket) is None:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await websocket.accept()
    hub.attach(board_id, websocket)
    try:
        while True:
            await asyncio.wait_for(websocket.receive_text(), timeout=60)
    except (WebSocketDisconnect, TimeoutError):
        logger.debug("board %s watcher left", board_id)
    finally:
        hub.detach(board_id, websocket)


@router.websocket("/ws/sessions/{session_id}")
async def session_socket(websocket: WebSocket, session_id: str) -> None:
    if await verify_ticket(websocket) is None or not hub.has_room():
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await websocket.accept()
    hub.register(session_id, websocket)
    try:
        while True:
            await asyncio.wait_for(websocket.receive_text(), timeout=60)
    except (WebSocketDisconnect, TimeoutError):
        logger.debug("session %s closed", session_id)
    finally:
        hub.unregister(session_id)


@router.websocket("/ws/boards/{board_id}/totals")
async def board_totals_feed(websocket: WebSocket, board_id: int) -> None:
    await websocket.accept()  # expect: websocket-lifecycle
    try:
        while True:
            await websocket.send_json(await board_totals(board_id))
            await asyncio.sleep(1.0)
    except WebSocketDisconnect:
        logger.debug("totals feed for board %s closed", board_id)


@router.websocket("/ws/admin/sales")
async def admin_sales(websocket: WebSocket) -> None:
    await websocket.accept()  # expect: websocket-lifecycle
    while True:
        await websocket.send_json(await sales_summary())
        await asyncio.sleep(2)


@router.websocket("/ws/ticker")
async def ticker_feed(websocket: WebSocket) -> None:
    await websocket.accept()
    try:
        while True:
            await websocket.send_json(await ticker())
            await asyncio.sleep(1.0)
    except WebSocketDisconnect:
        logger.debug("ticker client left")
