from __future__ import annotations

import asyncio
import contextlib
import json
import logging

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from svc.config import settings
from svc.db.engine import SessionLocal
from svc.db.pg import pool
from svc.redis_client import get_redis
from svc.repos.accounts import AccountsRepo
from svc.repos.readings import ReadingsRepo
from svc.services.accounts import LiveConsumption
from svc.ws.hub import Connection, DashboardHub, TooManyConnections

logger = logging.getLogger(__name__)

router = APIRouter()


async def account_for_token(token: str | None) -> int | None:
    if not token:
        return None
    account_id = await get_redis().get(f"session:{token}")
    return int(account_id) if account_id else None


async def _forward(conn: Connection) -> None:
    while True:
        payload = await conn.queue.get()
        try:
            await conn.websocket.send_json(payload)
        except:
            return


@router.websocket("/ws/dashboard")
async def dashboard_socket(websocket: WebSocket) -> None:
    hub: DashboardHub = websocket.app.state.hub
    account_id = await account_for_token(websocket.query_params.get("token"))
    if account_id is None:
        await websocket.close(code=4401)
        return
    await websocket.accept()
    async with SessionLocal() as session:
        live = LiveConsumption(get_redis(), AccountsRepo(session), ReadingsRepo(pool()))
        await websocket.send_json({"type": "snapshot", **await live.snapshot(account_id)})

    try:
        conn = await hub.join(account_id, websocket)
    except TooManyConnections:
        await websocket.close(code=4429)
        return

    sender = asyncio.create_task(_forward(conn))
    try:
        while True:
            message = await asyncio.wait_for(websocket.receive_json(), timeout=settings.ws_idle_timeout)
            if message.get("type") == "ping":
                await websocket.send_json({"type": "pong"})
    except (WebSocketDisconnect, asyncio.TimeoutError):
        logger.debug("dashboard socket for account %s closed", account_id)
    finally:
        sender.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await sender
        await hub.leave(conn)


@router.websocket("/ws/meters/{serial}/trace")
async def meter_trace(websocket: WebSocket, serial: str) -> None:
    """Field engineers watch a meter's raw frames while commissioning it."""
    await websocket.accept()
    pubsub = get_redis().pubsub()
    await pubsub.subscribe(f"trace:{serial}")
    try:
        async for message in pubsub.listen():
            if message["type"] == "message":
                await websocket.send_json(json.loads(message["data"]))
    except WebSocketDisconnect:
        logger.info("trace for %s closed by client", serial)
    finally:
        await pubsub.unsubscribe()
        await pubsub.aclose()
