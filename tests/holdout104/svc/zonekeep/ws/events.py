from __future__ import annotations

import asyncio
import json

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from zonekeep.core.db import SessionLocal
from zonekeep.repositories.accounts import AccountRepository
from zonekeep.repositories.tokens import TokenRepository
from zonekeep.services.auth import AuthService
from zonekeep.services.zones import ZoneService

router = APIRouter()


async def _account_id(token: str) -> int | None:
    async with SessionLocal() as session:
        resolved = await AuthService(AccountRepository(session), TokenRepository(session)).resolve_token(token)
        await session.commit()
        return resolved[0].id if resolved else None


@router.websocket("/ws/account")
async def account_events(websocket: WebSocket, token: str) -> None:
    account_id = await _account_id(token)
    if account_id is None:
        await websocket.close(code=1008)
        return
    hub = websocket.app.state.hub
    await websocket.accept()
    hub.register_account(account_id, websocket)
    await hub.ensure_account_feed(account_id)
    while True:
        msg = await websocket.receive_text()
        if msg == "ping":
            await websocket.send_text("pong")


@router.websocket("/ws/zones/{zone_id}/log")
async def zone_log(websocket: WebSocket, zone_id: int, token: str) -> None:
    account_id = await _account_id(token)
    if account_id is None:
        await websocket.close(code=1008)
        return
    async with SessionLocal() as session:
        zone = await ZoneService(session).get_owned(account_id, zone_id)
    redis = websocket.app.state.container.redis
    await websocket.accept()
    async with redis.pubsub() as pubsub:
        await pubsub.subscribe(f"zone:{zone.id}:propagation")
        try:
            while True:
                message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=20.0)
                if message is None:
                    await websocket.send_json({"type": "keepalive"})
                    continue
                await websocket.send_json(json.loads(message["data"]))
        except WebSocketDisconnect:
            pass
        except asyncio.CancelledError:
            raise
        finally:
            await pubsub.unsubscribe(f"zone:{zone.id}:propagation")
