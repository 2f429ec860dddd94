from __future__ import annotations

import logging

from fastapi import APIRouter, WebSocket, status

from procurement.security import TokenError, decode_token
from procurement.services import bid_service
from procurement.ws.manager import board

log = logging.getLogger(__name__)

router = APIRouter()


@router.websocket("/ws/rfqs/{rfq_id}/board")
async def bid_board(websocket: WebSocket, rfq_id: int) -> None:
    token = websocket.query_params.get("token", "")
    try:
        claims = decode_token(token)
    except TokenError:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    if "buyer" not in claims.get("roles", []):
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    if board.at_capacity():
        await websocket.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return
    await websocket.accept()
    board.join(rfq_id, websocket)
    snapshot = bid_service.leaderboard(rfq_id)
    if snapshot:
        await websocket.send_json({"type": "snapshot", **{k: str(v) for k, v in snapshot.items()}})
    while True:
        message = await websocket.receive_json()
        if message.get("type") == "ping":
            await websocket.send_json({"type": "pong"})
