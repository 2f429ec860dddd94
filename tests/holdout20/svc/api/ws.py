"""WebSocket endpoints for the agent console."""
from __future__ import annotations

import asyncio
import json
import logging

from fastapi import APIRouter, WebSocket, WebSocketDisconnect, status

from svc.api.deps import authenticate_ws
from svc.config import get_settings
from svc.realtime.hub import PresenceHub, TicketWatchers
from svc.services.presence import PresenceService

logger = logging.getLogger(__name__)

router = APIRouter()

SEND_TIMEOUT_SECONDS = 5.0


async def _pump(websocket: WebSocket, queue: asyncio.Queue[str]) -> None:
    try:
        while True:
            payload = await queue.get()
            await asyncio.wait_for(websocket.send_text(payload), timeout=SEND_TIMEOUT_SECONDS)
    except (WebSocketDisconnect, asyncio.TimeoutError, RuntimeError):
        logger.debug("console sender stopped", exc_info=True)


@router.websocket("/ws/console")
async def console_socket(websocket: WebSocket) -> None:
    settings = get_settings()
    hub: PresenceHub = websocket.app.state.hub
    presence: PresenceService = websocket.app.state.presence
    agent = await authenticate_ws(websocket)
    if agent is None:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    if not hub.has_capacity():
        await websocket.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return
    await websocket.accept()
    subscriber = hub.register(agent.id, agent.org_id)
    sender = asyncio.create_task(_pump(websocket, subscriber.queue), name=f"console-sender-{agent.id}")
    try:
        while True:
            raw = await asyncio.wait_for(websocket.receive_text(), timeout=settings.ws_idle_timeout)
            if len(raw) > settings.ws_max_message_bytes:
                await websocket.close(code=status.WS_1009_MESSAGE_TOO_BIG)
                break
            message = json.loads(raw)
            if message.get("type") == "heartbeat":
                await presence.heartbeat(agent.org_id, agent.id)
            elif message.get("type") == "viewing":
                viewers = await presence.start_viewing(agent.id, int(message["ticket_id"]))
                subscriber.queue.put_nowait(json.dumps({"type": "viewers", "ticket_id": message["ticket_id"], "agents": viewers}))
    except WebSocketDisconnect:
        logger.debug("console socket closed by agent=%s", agent.id)
    except asyncio.TimeoutError:
        logger.info("closing idle console socket agent=%s", agent.id)
        await websocket.close(code=status.WS_1001_GOING_AWAY)
    finally:
        sender.cancel()
        hub.unregister(subscriber)
        await presence.go_offline(agent.org_id, agent.id)


@router.websocket("/ws/tickets/{ticket_id}")
async def ticket_socket(websocket: WebSocket, ticket_id: int) -> None:
    watchers: TicketWatchers = websocket.app.state.watchers
    agent = await authenticate_ws(websocket)
    if agent is None:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await websocket.accept()
    watchers.add(ticket_id, websocket)
    while True:
        event = await websocket.receive_json()
        if event.get("type") == "typing":
            watchers.enqueue(ticket_id, {"type": "typing", "agent_id": agent.id})
