"""Websocket endpoints: the recruiter pipeline board and interviewer scorecard autosave."""
from __future__ import annotations

import asyncio
import contextlib
import json
import logging

from fastapi import APIRouter, HTTPException, Query, WebSocket, WebSocketDisconnect

from svc.api.deps import decode_token
from svc.config import get_settings
from svc.db.engine import session_factory
from svc.db.redis import get_redis
from svc.services import pipeline

log = logging.getLogger(__name__)
router = APIRouter()


@router.websocket("/ws/jobs/{job_id}/board")
async def board_socket(websocket: WebSocket, job_id: int, token: str = Query(...)):
    try:
        user = decode_token(token)
    except HTTPException:
        await websocket.close(code=4401)
        return
    svc = websocket.app.state.services
    await websocket.accept()

    async with session_factory()() as session:
        board = await pipeline.build_board(session, job_id)
    svc.boards.set_snapshot(job_id, board)
    queue = await svc.boards.connect(job_id, websocket)
    await websocket.send_json({"type": "snapshot", "board": board})

    async def pump() -> None:
        while True:
            view = await queue.get()
            await websocket.send_json({"type": "update", "board": view})

    sender = asyncio.create_task(pump(), name=f"board-pump-{job_id}-{user.user_id}")
    try:
        while True:
            message = await asyncio.wait_for(websocket.receive_text(), timeout=get_settings().ws_idle_timeout)
            if message == "ping":
                await websocket.send_text("pong")
    except WebSocketDisconnect:
        log.info("board socket closed job=%s user=%s", job_id, user.user_id)
    except asyncio.TimeoutError:
        await websocket.close(code=1001)
    finally:
        sender.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await sender


DRAFT_TTL = 7 * 24 * 3600
IDLE_TIMEOUT = 120


@router.websocket("/ws/interviews/{interview_id}/scorecard")
async def scorecard_socket(websocket: WebSocket, interview_id: int, token: str = Query("")):
    await websocket.accept()
    redis = get_redis()
    key = f"scorecard:draft:{interview_id}"
    existing = await redis.get(key)
    await websocket.send_json({"type": "draft", "data": json.loads(existing) if existing else {}})
    try:
        while True:
            payload = await asyncio.wait_for(websocket.receive_json(), timeout=IDLE_TIMEOUT)
            if not isinstance(payload, dict) or len(json.dumps(payload)) > 32_000:
                await websocket.send_json({"type": "error", "detail": "invalid scorecard"})
                continue
            await redis.set(key, json.dumps(payload), ex=DRAFT_TTL)
            await websocket.send_json({"type": "saved"})
    except WebSocketDisconnect:
        return
    except asyncio.TimeoutError:
        await websocket.close(code=1001)
