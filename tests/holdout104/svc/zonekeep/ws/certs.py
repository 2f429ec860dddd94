from __future__ import annotations

import json

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from zonekeep.core.db import SessionLocal
from zonekeep.repositories.certificates import CertificateRepository
from zonekeep.services.auth import AuthService
from zonekeep.repositories.accounts import AccountRepository
from zonekeep.repositories.tokens import TokenRepository

router = APIRouter()


@router.websocket("/ws/certificates/{cert_id}")
async def certificate_progress(websocket: WebSocket, cert_id: int, token: str) -> None:
    async with SessionLocal() as session:
        resolved = await AuthService(AccountRepository(session), TokenRepository(session)).resolve_token(token)
        cert = await CertificateRepository(session).get(cert_id)
        await session.commit()
    if resolved is None or cert is None or cert.account_id != resolved[0].id:
        await websocket.close(code=1008)
        return
    redis = websocket.app.state.container.redis
    await websocket.accept()
    pubsub = redis.pubsub()
    await pubsub.subscribe(f"cert:{cert_id}:progress")
    await websocket.send_json({"type": "status", "status": cert.status})
    try:
        async for message in pubsub.listen():
            if message["type"] != "message":
                continue
            event = json.loads(message["data"])
            await websocket.send_json(event)
            if event.get("status") in ("issued", "failed"):
                await websocket.close()
                return
    except WebSocketDisconnect:
        return


@router.websocket("/ws/certificates")
async def certificate_list_feed(websocket: WebSocket, token: str) -> None:
    async with SessionLocal() as session:
        resolved = await AuthService(AccountRepository(session), TokenRepository(session)).resolve_token(token)
        await session.commit()
    if resolved is None:
        await websocket.close(code=1008)
        return
    hub = websocket.app.state.hub
    await websocket.accept()
    hub.register_account(resolved[0].id, websocket)
    try:
        while True:
            await websocket.receive_text()
    except WebSocketDisconnect:
        hub.unregister_account(resolved[0].id, websocket)
