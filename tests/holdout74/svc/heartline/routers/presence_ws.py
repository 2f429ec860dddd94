"""Presence websocket: online/offline of the people you matched with, plus live app events."""
from __future__ import annotations

import asyncio
import contextlib
import logging

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

log = logging.getLogger(__name__)
router = APIRouter()


def _parse_ids(raw: str) -> set[int]:
    return {int(part) for part in raw.split(",") if part.strip().isdigit()}


@router.websocket("/ws/presence")
async def presence_socket(websocket: WebSocket) -> None:
    container = websocket.app.state.container
    user_id = int(websocket.query_params["user_id"])
    await websocket.accept()
    sockets = container.presence_sockets
    outbox = sockets.attach(user_id, websocket)
    pump = asyncio.create_task(outbox.pump(), name=f"presence-pump-{user_id}")
    await container.presence.mark_online(user_id)
    try:
        while True:
            message = await websocket.receive_text()
            if message == "ping":
                await container.presence.heartbeat(user_id)
                outbox.push({"type": "pong"})
            elif message.startswith("watch:"):
                allowed = set(await container.match_repo.peer_ids(user_id))
                peers = _parse_ids(message[len("watch:"):]) & allowed
                sockets.watch(user_id, peers)
                online = await container.presence.online_among(sorted(peers))
                outbox.push({"type": "snapshot", "online": sorted(online)})
    except WebSocketDisconnect:
        pass
    finally:
        pump.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await pump
        sockets.detach(user_id, websocket)
        await container.presence.mark_offline(user_id)
