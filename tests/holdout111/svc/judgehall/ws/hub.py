from __future__ import annotations

import asyncio
import logging
from collections import defaultdict

from litestar import WebSocket
from redis.asyncio import Redis

from judgehall.errors import Forbidden
from judgehall.security import Principal, decode_token

log = logging.getLogger(__name__)

SEND_TIMEOUT = 2.0


class ScoreboardHub:
    """Sockets connected to this process, grouped by contest."""

    def __init__(self) -> None:
        self._rooms: dict[int, set[WebSocket]] = defaultdict(set)

    def subscribe(self, contest_id: int, socket: WebSocket) -> None:
        self._rooms[contest_id].add(socket)

    def unsubscribe(self, contest_id: int, socket: WebSocket) -> None:
        room = self._rooms.get(contest_id)
        if room is None:
            return
        room.discard(socket)
        if not room:
            self._rooms.pop(contest_id, None)

    def size(self) -> int:
        return sum(len(room) for room in self._rooms.values())

    async def broadcast(self, contest_id: int, message: str) -> None:
        for socket in list(self._rooms.get(contest_id, ())):
            await socket.send_text(message)

    async def pump(self, redis: Redis) -> None:
        pubsub = redis.pubsub()
        await pubsub.psubscribe("scoreboard:events:*")
        async for message in pubsub.listen():
            if message["type"] != "pmessage":
                continue
            contest_id = int(message["channel"].rsplit(":", 1)[1])
            await self.broadcast(contest_id, message["data"])


class ClarificationHub:
    def __init__(self) -> None:
        self._jury: dict[int, set[WebSocket]] = defaultdict(set)
        self._lock = asyncio.Lock()

    async def join(self, contest_id: int, socket: WebSocket) -> None:
        async with self._lock:
            self._jury[contest_id].add(socket)

    async def leave(self, contest_id: int, socket: WebSocket) -> None:
        async with self._lock:
            room = self._jury.get(contest_id)
            if room is not None:
                room.discard(socket)
                if not room:
                    del self._jury[contest_id]

    async def _send(self, socket: WebSocket, message: str) -> None:
        try:
            await asyncio.wait_for(socket.send_text(message), timeout=SEND_TIMEOUT)
        except (asyncio.TimeoutError, RuntimeError, ConnectionError):
            log.info("dropping slow clarification socket")
            await self.leave_all(socket)

    async def leave_all(self, socket: WebSocket) -> None:
        async with self._lock:
            for room in self._jury.values():
                room.discard(socket)

    async def broadcast(self, contest_id: int, message: str) -> None:
        async with self._lock:
            targets = list(self._jury.get(contest_id, ()))
        await asyncio.gather(*(self._send(s, message) for s in targets))

    async def pump(self, redis: Redis) -> None:
        pubsub = redis.pubsub()
        await pubsub.psubscribe("clar:events:*")
        try:
            async for message in pubsub.listen():
                if message["type"] != "pmessage":
                    continue
                contest_id = int(message["channel"].rsplit(":", 1)[1])
                await self.broadcast(contest_id, message["data"])
        finally:
            await pubsub.aclose()


def socket_principal(socket: WebSocket) -> Principal | None:
    token = socket.query_params.get("token") or ""
    if not token:
        header = socket.headers.get("authorization", "")
        if header.lower().startswith("bearer "):
            token = header[7:]
    if not token:
        return None
    try:
        return decode_token(token, socket.app.state.settings.jwt_secret)
    except Forbidden:
        return None
