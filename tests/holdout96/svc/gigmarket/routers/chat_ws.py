from __future__ import annotations

import logging

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from ..security import decode_token
from ..services.chat import ChatService

router = APIRouter()
logger = logging.getLogger(__name__)

ROOMS: dict[int, set[WebSocket]] = {}
MAX_MESSAGE_CHARS = 4000


async def _broadcast(contract_id: int, message: dict) -> None:
    for peer in list(ROOMS.get(contract_id, ())):
        await peer.send_json(message)


@router.websocket("/ws/contracts/{contract_id}/chat")
async def contract_chat(websocket: WebSocket, contract_id: int, token: str) -> None:
    state = websocket.app.state
    try:
        user_id = int(decode_token(token, state.settings.jwt_secret)["sub"])
    except Exception:
        await websocket.close(code=4401)
        return
    chat: ChatService = state.chat
    if not await chat.is_party(contract_id, user_id):
        await websocket.close(code=4403)
        return
    await websocket.accept()
    ROOMS.setdefault(contract_id, set()).add(websocket)
    for message in await chat.recent(contract_id):
        await websocket.send_json(message)
    try:
        while True:
            text = await websocket.receive_text()
            if len(text) > MAX_MESSAGE_CHARS:
                await websocket.send_json({"error": "message too long"})
                continue
            message = await chat.save_message(contract_id, user_id, text)
            await _broadcast(contract_id, message)
    except WebSocketDisconnect:
        logger.debug("user %s left chat %s", user_id, contract_id)
