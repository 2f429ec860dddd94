from __future__ import annotations

import asyncio
import contextlib
import json
import logging

from fastapi import APIRouter, WebSocket, WebSocketDisconnect, status

from svc.config import get_settings
from svc.data.redis_store import bus_redis

log = logging.getLogger(__name__)
router = APIRouter()
settings = get_settings()

MAX_MESSAGE_CHARS = 2000
IDLE_SECONDS = 60


class LiveRoomHub:
    def __init__(self) -> None:
        self._local: dict[str, dict[WebSocket, asyncio.Queue[str]]] = {}
        self._listener: asyncio.Task | None = None

    def connection_count(self) -> int:
        return sum(len(peers) for peers in self._local.values())

    async def start(self) -> None:
        self._listener = asyncio.create_task(self._listen())

    async def stop(self) -> None:
        if self._listener is not None:
            self._listener.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._listener

    async def _listen(self) -> None:
        while True:
            try:
                pubsub = bus_redis.pubsub()
                await pubsub.psubscribe("live:*")
                async for message in pubsub.listen():
                    if message["type"] != "pmessage":
                        continue
                    room = message["channel"].split(":", 1)[1]
                    for outbox in self._local.get(room, {}).values():
                        if outbox.full():
                            continue
                        outbox.put_nowait(message["data"])
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("live hub listener failed; resubscribing")
                await asyncio.sleep(1.0)

    def join(self, room: str, websocket: WebSocket) -> asyncio.Queue[str]:
        outbox: asyncio.Queue[str] = asyncio.Queue(maxsize=100)
        self._local.setdefault(room, {})[websocket] = outbox
        return outbox

    def leave(self, room: str, websocket: WebSocket) -> None:
        peers = self._local.get(room)
        if peers is not None:
            peers.pop(websocket, None)
            if not peers:
                self._local.pop(room, None)

    async def publish(self, room: str, text: str) -> None:
        await bus_redis.publish(f"live:{room}", json.dumps({"room": room, "text": text}))


hub = LiveRoomHub()


async def _pump(websocket: WebSocket, outbox: asyncio.Queue[str]) -> None:
    while True:
        await websocket.send_text(await outbox.get())


@router.websocket("/ws/live/{room}")
async def live_socket(websocket: WebSocket, room: str, token: str) -> None:
    if not token or hub.connection_count() >= settings.max_chat_connections:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await websocket.accept()
    outbox = hub.join(room, websocket)
    sender = asyncio.create_task(_pump(websocket, outbox))
    try:
        while True:
            text = await asyncio.wait_for(websocket.receive_text(), timeout=IDLE_SECONDS)
            if len(text) > MAX_MESSAGE_CHARS:
                continue
            await hub.publish(room, text)
    except (WebSocketDisconnect, asyncio.TimeoutError):
        log.info("live socket closed", extra={"room": room})
    finally:
        sender.cancel()
        hub.leave(room, websocket)
