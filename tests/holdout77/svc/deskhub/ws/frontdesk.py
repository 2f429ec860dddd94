from __future__ import annotations

import asyncio
import json
import logging
from collections import defaultdict
from typing import Any

from fastapi import APIRouter, WebSocket, WebSocketDisconnect
from redis.asyncio import Redis
from redis.exceptions import RedisError

from ..deps import StaffSession, authenticate_staff_token

logger = logging.getLogger(__name__)

router = APIRouter()


class FrontDeskConsoles:
    """Reception consoles connected to this replica.

    Check-ins are published to redis by whichever replica handled them; every replica listens
    and forwards to the consoles it holds.
    """

    def __init__(self, pubsub_redis: Redis) -> None:
        self._redis = pubsub_redis
        self._consoles: dict[int, set[WebSocket]] = defaultdict(set)
        self._outboxes: dict[WebSocket, asyncio.Queue[dict[str, Any]]] = {}

    def register(self, location_id: int, websocket: WebSocket) -> asyncio.Queue[dict[str, Any]]:
        outbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self._consoles[location_id].add(websocket)
        self._outboxes[websocket] = outbox
        return outbox

    def dispatch(self, location_id: int, event: dict[str, Any]) -> None:
        for websocket in self._consoles.get(location_id, ()):
            self._outboxes[websocket].put_nowait(event)

    async def listen(self) -> None:
        backoff = 1.0
        while True:
            try:
                pubsub = self._redis.pubsub()
                await pubsub.psubscribe("frontdesk:*")
                backoff = 1.0
                async for message in pubsub.listen():
                    if message["type"] != "pmessage":
                        continue
                    try:
                        location_id = int(message["channel"].split(":", 1)[1])
                        event = json.loads(message["data"])
                    except ValueError:
                        logger.warning("ignoring malformed front-desk event on %s", message["channel"])
                        continue
                    self.dispatch(location_id, event)
            except RedisError as exc:
                logger.warning("front-desk subscription lost (%s); reconnecting in %.0fs", exc, backoff)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 30.0)


async def _pump(websocket: WebSocket, outbox: asyncio.Queue[dict[str, Any]]) -> None:
    while True:
        event = await outbox.get()
        await websocket.send_json(event)


async def _handle_command(websocket: WebSocket, staff: StaffSession, command: dict[str, Any]) -> None:
    visitors = websocket.app.state.visitors
    action = command.get("action")
    if action in ("check_in", "check_out"):
        handler = visitors.check_in if action == "check_in" else visitors.check_out
        visitor = await handler(int(command["visitor_id"]))
        await websocket.send_json({"type": "ack", "action": action, "visitor_id": visitor.id})
    else:
        await websocket.send_json({"type": "error", "message": f"unknown action {action!r}"})
    logger.info("staff %s ran %s", staff.member_id, action)


@router.websocket("/ws/frontdesk/{location_id}")
async def frontdesk_console(websocket: WebSocket, location_id: int) -> None:
    staff = await authenticate_staff_token(websocket.app.state.redis, websocket.query_params.get("token"))
    if staff is None or location_id not in staff.location_ids:
        await websocket.close(code=4401)
        return
    await websocket.accept()
    consoles: FrontDeskConsoles = websocket.app.state.frontdesk
    outbox = consoles.register(location_id, websocket)
    sender = asyncio.create_task(_pump(websocket, outbox))
    try:
        while True:
            command = await websocket.receive_json()
            await _handle_command(websocket, staff, command)
    except WebSocketDisconnect:
        logger.info("front-desk console for location %s disconnected", location_id)
    finally:
        sender.cancel()
