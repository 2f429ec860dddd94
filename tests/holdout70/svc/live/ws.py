from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, WebSocket, WebSocketDisconnect, status

from svc.config import get_settings
from svc.deps import decode_token
from svc.live.hub import ConnectionHub

logger = logging.getLogger(__name__)

router = APIRouter()


def _hub(websocket: WebSocket) -> ConnectionHub:
    return websocket.app.state.hub


@router.websocket("/ws/odds")
async def odds_stream(websocket: WebSocket) -> None:
    hub = _hub(websocket)
    token = websocket.query_params.get("token")
    if not token:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    try:
        principal = decode_token(token)
    except Exception:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    if hub.full():
        await websocket.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return
    await websocket.accept()
    conn = hub.add(websocket, principal.user_id)
    idle = get_settings().ws_idle_timeout_s
    try:
        while True:
            try:
                msg = await asyncio.wait_for(websocket.receive_json(), timeout=idle)
            except asyncio.TimeoutError:
                await websocket.send_json({"type": "ping"})
                continue
            action = msg.get("action")
            if action == "subscribe":
                hub.subscribe(conn, [int(s) for s in msg.get("selections", [])][:500])
            elif action == "unsubscribe":
                hub.unsubscribe(conn, [int(s) for s in msg.get("selections", [])])
            elif action == "pong":
                pass
    except WebSocketDisconnect:
        logger.debug("odds client %s disconnected", principal.user_id)
    finally:
        hub.remove(conn)


@router.websocket("/ws/scores")
async def score_stream(ws: WebSocket) -> None:
    hub = _hub(ws)
    if hub.full():
        await ws.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return
    await ws.accept()
    conn = hub.add(ws, None)
    hub.watch_scores(conn)
    while True:
        text = await ws.receive_text()
        if text == "ping":
            await ws.send_text("pong")


@router.websocket("/ws/bets/{user_id}")
async def my_bets_stream(sock: WebSocket, user_id: int) -> None:
    hub = _hub(sock)
    await sock.accept()
    conn = hub.add(sock, user_id)
    try:
        while True:
            await asyncio.wait_for(sock.receive_text(), timeout=get_settings().ws_idle_timeout_s)
    except (WebSocketDisconnect, asyncio.TimeoutError):
        pass
    finally:
        hub.remove(conn)
