from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from ..deps import verify_token
from ..services.chat import AgentOutbox

logger = logging.getLogger(__name__)

router = APIRouter()

DONOR_IDLE_SECONDS = 300.0
MAX_MESSAGE_CHARS = 2000


def _conversation_owner(conversation_id: str) -> str:
    # Conversation ids are "<donor id>-<random suffix>".
    return conversation_id.split("-", 1)[0]


@router.websocket("/ws/support/{conversation_id}")
async def donor_chat(websocket: WebSocket, conversation_id: str) -> None:
    container = websocket.app.state.container
    token = websocket.query_params.get("token", "")
    donor_id = verify_token(container.settings.session_secret, token) if token else None
    if donor_id is None or _conversation_owner(conversation_id) != donor_id:
        await websocket.close(code=4401)
        return
    await websocket.accept()
    chat = container.chat
    chat.donor_joined(conversation_id, websocket)
    try:
        for message in await chat.history(conversation_id):
            await websocket.send_json({"id": message["id"], "from": message["sender"], "body": message["body"]})
        while True:
            data = await asyncio.wait_for(websocket.receive_json(), timeout=DONOR_IDLE_SECONDS)
            body = str(data.get("body", ""))[:MAX_MESSAGE_CHARS]
            if body:
                await chat.from_donor(conversation_id, body)
    except WebSocketDisconnect:
        logger.info("donor left support conversation %s", conversation_id)
    except asyncio.TimeoutError:
        await websocket.close(code=1000)


@router.websocket("/ws/agent")
async def agent_console(websocket: WebSocket) -> None:
    container = websocket.app.state.container
    agent_id = verify_token(container.settings.session_secret, websocket.query_params.get("token", ""), "agent")
    if agent_id is None:
        await websocket.close(code=4401)
        return
    await websocket.accept()
    chat = container.chat
    outbox = AgentOutbox(websocket)
    chat.agent_online(agent_id, outbox)
    pump = asyncio.create_task(outbox.pump(), name=f"agent-outbox-{agent_id}")
    try:
        while True:
            data = await websocket.receive_json()
            if data.get("type") == "claim":
                chat.assign(data["conversation_id"], agent_id)
            elif data.get("type") == "reply":
                await chat.from_agent(data["conversation_id"], agent_id, str(data["body"])[:MAX_MESSAGE_CHARS])
    except WebSocketDisconnect:
        logger.info("agent %s disconnected", agent_id)
    finally:
        pump.cancel()
        chat.agent_offline(agent_id)
        if websocket.client_state == WebSocketState.CONNECTED:
            await websocket.close()
