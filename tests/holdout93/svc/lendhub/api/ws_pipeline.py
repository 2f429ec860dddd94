"""Loan-officer pipeline feed: live status changes for the officer's loans."""
from __future__ import annotations

import asyncio
import json
import logging
from collections import defaultdict
from typing import Any

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from ..db import get_sessionmaker
from ..repositories import ApplicationRepository, RateLockRepository
from ..services.applications import PIPELINE_STATUSES
from ..settings import get_settings
from .deps import decode_token

log = logging.getLogger(__name__)
router = APIRouter()

_connections: dict[int, list[WebSocket]] = defaultdict(list)
_queues: dict[WebSocket, asyncio.Queue] = {}

HEARTBEAT_SECONDS = 25


async def notify_officer(officer_id: int, event: dict[str, Any]) -> None:
    for ws in _connections.get(officer_id, []):
        queue = _queues.get(ws)
        if queue is not None:
            queue.put_nowait(event)


async def _snapshot(officer_id: int) -> list[dict[str, Any]]:
    async with get_sessionmaker()() as session:
        apps = await ApplicationRepository(session).pipeline_for_officer(officer_id, PIPELINE_STATUSES)
        locks = RateLockRepository(session)
        items = []
        for app in apps:
            lock = await locks.active_for(app.id)
            items.append(
                {
                    "id": app.id,
                    "loan_number": app.loan_number,
                    "status": app.status,
                    "lock_expires_at": lock.expires_at.isoformat() if lock else None,
                }
            )
        return items


async def _sender(ws: WebSocket, queue: asyncio.Queue) -> None:
    while True:
        event = await queue.get()
        await ws.send_text(json.dumps(event))


@router.websocket("/ws/pipeline")
async def pipeline_ws(ws: WebSocket, token: str) -> None:
    try:
        claims = decode_token(token)
    except Exception:
        await ws.close(code=4401)
        return
    officer_id = int(claims["sub"])
    if len(_connections[officer_id]) >= get_settings().ws_max_connections_per_officer:
        await ws.close(code=4429)
        return
    await ws.accept()
    queue: asyncio.Queue = asyncio.Queue()
    _connections[officer_id].append(ws)
    _queues[ws] = queue
    sender = asyncio.create_task(_sender(ws, queue))
    try:
        await ws.send_json({"type": "snapshot", "items": await _snapshot(officer_id)})
        while True:
            try:
                await asyncio.wait_for(ws.receive_text(), timeout=HEARTBEAT_SECONDS * 2)
            except asyncio.TimeoutError:
                await ws.close(code=1001)
                break
    except WebSocketDisconnect:
        log.debug("pipeline ws closed for officer %s", officer_id)
    finally:
        sender.cancel()
        _queues.pop(ws, None)
