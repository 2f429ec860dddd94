"""Websocket the mobile app keeps open to receive live balance updates."""
from __future__ import annotations

import asyncio
import contextlib
import json
import logging

from fastapi import APIRouter, WebSocket, WebSocketDisconnect, status

from loyalty.security import AuthError, decode_member_token
from loyalty.ws.hub import BalanceHub, Session, TooManyConnections

log = logging.getLogger(__name__)
router = APIRouter()

PING_INTERVAL = 20.0


async def _pump(session: Session) -> None:
    while True:
        message = await session.outbox.get()
        await asyncio.wait_for(session.websocket.send_text(message), timeout=5.0)


@router.websocket("/ws/balance")
async def balance_updates(websocket: WebSocket) -> None:
    token = websocket.query_params.get("token") or ""
    try:
        principal = decode_member_token(token)
    except AuthError:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return

    hub: BalanceHub = websocket.app.state.balance_hub
    idle_timeout: float = websocket.app.state.settings.ws_idle_timeout
    session = Session(principal.member_id, websocket)
    try:
        hub.register(session)
    except TooManyConnections:
        await websocket.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return

    await websocket.accept()
    pump = asyncio.create_task(_pump(session))
    try:
        while True:
            try:
                message = await asyncio.wait_for(websocket.receive_text(), timeout=idle_timeout)
            except asyncio.TimeoutError:
                log.info("closing idle balance socket for member %s", principal.member_id)
                await websocket.close(code=status.WS_1000_NORMAL_CLOSURE)
                break
            if message == "ping":
                await websocket.send_text("pong")
    except WebSocketDisconnect:
        pass
    finally:
        hub.unregister(session)
        pump.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await pump


_checkout_screens: dict[int, list[WebSocket]] = {}


async def push_progress(member_id: int, lifetime_points: int, next_threshold: int | None) -> None:
    payload = json.dumps({"lifetime": lifetime_points, "next": next_threshold})
    for ws in _checkout_screens.get(member_id, []):
        await ws.send_text(payload)


@router.websocket("/ws/tier-progress")
async def tier_progress(websocket: WebSocket) -> None:
    try:
        principal = decode_member_token(websocket.query_params.get("token", ""))
    except AuthError:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await websocket.accept()
    _checkout_screens.setdefault(principal.member_id, []).append(websocket)
    while True:
        text = await websocket.receive_text()
        if text == "ping":
            await websocket.send_text("pong")
