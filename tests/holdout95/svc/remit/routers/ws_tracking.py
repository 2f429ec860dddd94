"""Sender-app websocket: live status of one transfer."""
from __future__ import annotations

import uuid

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from ..deps import decode_token
from ..repositories.transfers import TransferRepository

router = APIRouter()


@router.websocket("/ws/transfers/{transfer_id}")
async def track_transfer(websocket: WebSocket, transfer_id: uuid.UUID) -> None:
    container = websocket.app.state.container
    token = websocket.query_params.get("token", "")
    claims = decode_token(token, container.settings.jwt_secret)
    if claims is None:
        await websocket.close(code=4401)
        return
    async with container.sessions() as session:
        transfer = await TransferRepository(session).get(transfer_id)
    if transfer is None or str(transfer.sender_id) != claims["sub"]:
        await websocket.close(code=4404)
        return
    await websocket.accept()
    await websocket.send_json({"transfer_id": str(transfer.id), "status": transfer.status.value})
    queue = container.hub.subscribe(str(transfer_id))
    while True:
        event = await queue.get()
        try:
            await websocket.send_json(event)
        except WebSocketDisconnect:
            break
        if event.get("status") in ("paid_out", "failed", "refunded"):
            await websocket.close()
            break
