"""Dashboard websockets: live experiment counters and the audit tail for org admins."""
from __future__ import annotations

import asyncio
import contextlib
import uuid

from fastapi import APIRouter, WebSocket, WebSocketDisconnect, status

from ..repositories.exposures import ExposureRepository
from ..utils.jsonutil import loads

router = APIRouter()

PUSH_INTERVAL_SECONDS = 5.0
IDLE_TIMEOUT_SECONDS = 60.0
MAX_TAILS_PER_ORG = 5


@router.websocket("/ws/experiments/{experiment_id}/live")
async def live_counts(websocket: WebSocket, experiment_id: uuid.UUID) -> None:
    await websocket.accept()
    repo = ExposureRepository(websocket.app.state.pg)
    try:
        while True:
            counts = await repo.variant_counts(experiment_id)
            await websocket.send_json({"experiment": str(experiment_id), "exposures": counts})
            try:
                await asyncio.wait_for(websocket.receive_text(), timeout=PUSH_INTERVAL_SECONDS)
            except asyncio.TimeoutError:
                continue
    except WebSocketDisconnect:
        return


async def _principal_for(websocket: WebSocket) -> dict | None:
    sid = websocket.cookies.get("fy_session")
    if not sid:
        return None
    raw = await websocket.app.state.redis.get(f"session:{sid}")
    return loads(raw) if raw else None


async def _tail(websocket: WebSocket, org_id: str) -> None:
    client = websocket.app.state.redis
    stream = websocket.app.state.settings.webhook_stream
    last_id = "$"
    while True:
        batches = await client.xread({stream: last_id}, count=100, block=5000)
        for _, entries in batches or ():
            for entry_id, fields in entries:
                last_id = entry_id
                event = loads(fields["event"])
                if event.get("org_id") == org_id:
                    await websocket.send_json(event)


@router.websocket("/ws/audit/tail")
async def audit_tail(websocket: WebSocket) -> None:
    principal = await _principal_for(websocket)
    if principal is None or principal.get("role") not in ("admin", "owner"):
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    org_id = str(principal["org_id"])
    tails: dict[str, int] = websocket.app.state.audit_tails
    if tails.get(org_id, 0) >= MAX_TAILS_PER_ORG:
        await websocket.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return
    tails[org_id] = tails.get(org_id, 0) + 1
    await websocket.accept()
    sender = asyncio.create_task(_tail(websocket, org_id))
    try:
        while True:
            await asyncio.wait_for(websocket.receive_text(), timeout=IDLE_TIMEOUT_SECONDS)
    except (WebSocketDisconnect, asyncio.TimeoutError):
        pass
    finally:
        sender.cancel()
        with contextlib.suppress(asyncio.CancelledError, WebSocketDisconnect):
            await sender
        tails[org_id] -= 1
        if tails[org_id] <= 0:
            tails.pop(org_id, None)
        with contextlib.suppress(RuntimeError):
            await websocket.close()
