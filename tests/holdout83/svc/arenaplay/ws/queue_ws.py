from __future__ import annotations

import asyncio
import json
import logging

from fastapi import APIRouter, WebSocket

from arenaplay.dependencies import decode_player_id
from arenaplay.infra.pubsub import QUEUE_CHANNEL

router = APIRouter()
logger = logging.getLogger(__name__)


async def _forward_queue_events(websocket: WebSocket, player_id: int) -> None:
    pubsub = websocket.app.state.redis.pubsub(ignore_subscribe_messages=True)
    await pubsub.subscribe(QUEUE_CHANNEL)
    try:
        async for message in pubsub.listen():
            event = json.loads(message["data"])
            if player_id in event.get("players", ()) or event.get("player") == player_id:
                await websocket.send_json(event)
    finally:
        await pubsub.aclose()


@router.websocket("/ws/queue")
async def queue_socket(websocket: WebSocket) -> None:
    player_id = decode_player_id(websocket.query_params.get("token", ""), websocket.app.state.settings)
    await websocket.accept()
    websocket.app.state.queue_watchers[player_id] = websocket
    forwarder = asyncio.create_task(_forward_queue_events(websocket, player_id))
    while True:
        message = await websocket.receive_text()
        if message == "status":
            await websocket.send_json({"type": "status", "watching": True, "forwarding": not forwarder.done()})
