"""Websocket endpoints: live status for applicants, route board for inspectors."""
from __future__ import annotations

import asyncio
import contextlib
import logging

import jwt
from fastapi import APIRouter, WebSocket, WebSocketDisconnect, status
from starlette.concurrency import run_in_threadpool

from svc.api.deps import decode_token
from svc.realtime.hub import MAX_SUBSCRIBERS_PER_PERMIT, InspectorBoard, StatusHub, Subscriber

log = logging.getLogger(__name__)

router = APIRouter()

IDLE_TIMEOUT = 60.0


async def _writer(sub: Subscriber) -> None:
    while True:
        event = await sub.outbox.get()
        await asyncio.wait_for(sub.websocket.send_json(event), timeout=5)


@router.websocket("/ws/permits/{permit_id}/status")
async def permit_status(websocket: WebSocket, permit_id: int, token: str) -> None:
    hub: StatusHub = websocket.app.state.status_hub
    try:
        principal = await run_in_threadpool(decode_token, token)
    except jwt.PyJWTError:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    if hub.subscriber_count(permit_id) >= MAX_SUBSCRIBERS_PER_PERMIT:
        await websocket.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return
    await websocket.accept()
    sub = Subscriber(websocket)
    hub.add(permit_id, sub)
    writer = asyncio.create_task(_writer(sub))
    log.info("applicant %s watching permit %s", principal.subject_id, permit_id)
    try:
        while True:
            message = await asyncio.wait_for(websocket.receive_text(), timeout=IDLE_TIMEOUT)
            if len(message) > 256:
                break
            if message == "ping":
                await sub.outbox.put({"type": "pong"})
    except (WebSocketDisconnect, asyncio.TimeoutError):
        pass
    finally:
        hub.remove(permit_id, sub)
        writer.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await writer


@router.websocket("/ws/inspectors/board")
async def inspector_board(websocket: WebSocket) -> None:
    board: InspectorBoard = websocket.app.state.inspector_board
    await websocket.accept()
    board.register(websocket)
    while True:
        text = await websocket.receive_text()
        if text == "ping":
            await websocket.send_text("pong")
