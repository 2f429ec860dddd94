"""Per-room fan-out: the first socket of a room starts a redis listener for it."""
import asyncio
import logging

from redis.asyncio import Redis
from starlette.websockets import WebSocket

log = logging.getLogger(__name__)


class RoomHub:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis
        self._sockets: dict[str, set[WebSocket]] = {}
        self._listeners: dict[str, asyncio.Task] = {}

    def join(self, room: str, websocket: WebSocket) -> None:
        self._sockets.setdefault(room, set()).add(websocket)
        if room not in self._listeners:
            self._listeners[room] = asyncio.create_task(self._listen(room))  # expect: no-recovery

    def join_supervised(self, room: str, websocket: WebSocket) -> None:
        self._sockets.setdefault(room, set()).add(websocket)
        if room not in self._listeners:
            self._listeners[room] = asyncio.create_task(self._listen_forever(room))

    async def _listen(self, room: str) -> None:
        pubsub = self._redis.pubsub()
        await pubsub.subscribe(f"room:{room}")
        try:
            async for message in pubsub.listen():
                if message.get("type") == "message":
                    await self._fan_out(room, message["data"])
        finally:
            await pubsub.aclose()

    async def _listen_forever(self, room: str) -> None:
        delay = 1.0
        while True:
            try:
                await self._listen(room)
                delay = 1.0
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("listener of %s failed; resubscribing in %.0fs", room, delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 30.0)

    async def _fan_out(self, room: str, data: str) -> None:
        for websocket in list(self._sockets.get(room, ())):
            try:
                await asyncio.wait_for(websocket.send_text(data), timeout=2)
            except Exception:
                self._sockets[room].discard(websocket)
