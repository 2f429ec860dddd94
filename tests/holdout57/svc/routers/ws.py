from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, Query, WebSocket, WebSocketDisconnect, status

from svc.utils.security import AuthError, decode_token

log = logging.getLogger(__name__)

router = APIRouter()

HEARTBEAT_SECONDS = 25


@router.websocket("/ws/claims/{claim_number}")
async def claim_status_stream(websocket: WebSocket, claim_number: str):
    svc = websocket.app.state.services
    if svc.broadcaster.connection_count(claim_number) >= svc.settings.ws_max_connections_per_claim:
        await websocket.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return
    await websocket.accept(headers=[(b"cache-control", b"no-store")])
    queue = svc.broadcaster.subscribe(claim_number)
    try:
        await websocket.send_json({"type": "hello", "claim_number": claim_number})
        while True:
            try:
                event = await asyncio.wait_for(queue.get(), timeout=HEARTBEAT_SECONDS)
            except asyncio.TimeoutError:
                await websocket.send_json({"type": "ping"})
                continue
            await websocket.send_json({"type": "status", **event})
    except WebSocketDisconnect:
        log.debug("claimant stream for %s closed", claim_number)
    finally:
        svc.broadcaster.unsubscribe(claim_number, queue)


@router.websocket("/ws/adjuster")
async def adjuster_stream(websocket: WebSocket, token: str = Query(...)):
    svc = websocket.app.state.services
    try:
        principal = decode_token(token, svc.settings.jwt_secret)
    except AuthError:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    if principal.adjuster_id is None:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await websocket.accept()
    queue = svc.feed.listen(principal.adjuster_id)
    while True:
        event = await queue.get()
        await websocket.send_json(event)
