from __future__ import annotations

import asyncio
import copy
import json
import logging

import redis.asyncio as aioredis
from fastapi import APIRouter, WebSocket, status
from sqlalchemy import select

from ..db import SessionFactory
from ..deps import decode_carrier_token
from ..metrics import WS_CONNECTIONS
from ..models import Carrier


log = logging.getLogger(__name__)

BOARD_CHANNEL = "freight:board"
SEND_TIMEOUT = 2.0
SNAPSHOT_LIMIT = 5000


class BoardHub:
    """Fans load-board events out to this replica's websocket subscribers.

    Every replica subscribes to the same redis channel, so an event published anywhere
    reaches every connected dispatcher.
    """

    def __init__(self, redis: aioredis.Redis) -> None:
        self._redis = redis
        self._sockets: dict[WebSocket, set[str]] = {}
        self._listener: asyncio.Task | None = None
        self._snapshot: dict[str, dict] = {}

    async def start(self) -> None:
        self._listener = asyncio.create_task(self._listen(), name="board-hub-listener")

    async def stop(self) -> None:
        if self._listener is not None:
            self._listener.cancel()
            try:
                await self._listener
            except asyncio.CancelledError:
                pass

    async def join(self, websocket: WebSocket, lanes: set[str]) -> None:
        self._sockets[websocket] = lanes
        WS_CONNECTIONS.labels("board").inc()
        await websocket.send_json({"type": "snapshot", "loads": list(self._snapshot.values())})

    def leave(self, websocket: WebSocket) -> None:
        if self._sockets.pop(websocket, None) is not None:
            WS_CONNECTIONS.labels("board").dec()

    async def publish(self, event: dict) -> None:
        await self._redis.publish(BOARD_CHANNEL, json.dumps(event))

    async def _listen(self) -> None:
        backoff = 1.0
        while True:
            try:
                async with self._redis.pubsub() as pubsub:
                    await pubsub.subscribe(BOARD_CHANNEL)
                    backoff = 1.0
                    async for message in pubsub.listen():
                        if message["type"] != "message":
                            continue
                        await self._dispatch(json.loads(message["data"]))
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("board listener failed; resubscribing in %.0fs", backoff)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 30.0)

    async def _send(self, websocket: WebSocket, event: dict) -> None:
        try:
            await asyncio.wait_for(websocket.send_json(event), timeout=SEND_TIMEOUT)
        except Exception:
            log.info("dropping slow or closed board subscriber")
            self.leave(websocket)

    async def _dispatch(self, event: dict) -> None:
        if event.get("type") == "load_posted":
            self._snapshot[event["load_id"]] = event
            if len(self._snapshot) > SNAPSHOT_LIMIT:
                self._snapshot.pop(next(iter(self._snapshot)))
        elif event.get("type") in ("load_cancelled", "load_booked"):
            self._snapshot.pop(event["load_id"], None)
        lane = event.get("lane")
        targets = [ws for ws, lanes in list(self._sockets.items()) if not lanes or lane in lanes]
        payload = {**event, "board_size": len(self._snapshot)}
        sends = [self._send(ws, copy.deepcopy(payload)) for ws in targets]
        await asyncio.gather(*sends)



router = APIRouter()


@router.websocket("/ws/board")
async def load_board(websocket: WebSocket, token: str, lanes: str = ""):
    carrier_id = decode_carrier_token(token)
    async with SessionFactory() as session:
        carrier = await session.scalar(select(Carrier).where(Carrier.id == carrier_id, Carrier.suspended.is_(False)))
    if carrier is None:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await websocket.accept()
    hub = websocket.app.state.hub
    await hub.join(websocket, {lane for lane in lanes.split(",") if lane})
    while True:
        data = await websocket.receive_json()
        if data.get("type") == "filter":
            await hub.join(websocket, set(data.get("lanes", [])))
        elif data.get("type") == "ping":
            await websocket.send_json({"type": "pong"})
