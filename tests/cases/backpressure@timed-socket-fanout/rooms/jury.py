"""Jury fan-out: each send under a timeout; a failed client is dropped under the registry lock."""
import asyncio
from collections import defaultdict

from fastapi import WebSocket

SEND_TIMEOUT = 2.0


class JuryHub:
    def __init__(self, db) -> None:
        self._rooms: dict[int, set[WebSocket]] = defaultdict(set)
        self._lock = asyncio.Lock()
        self._db = db

    async def leave_all(self, socket: WebSocket) -> None:
        async with self._lock:
            for room in self._rooms.values():
                room.discard(socket)

    async def _send(self, socket: WebSocket, message: str) -> None:
        try:
            await asyncio.wait_for(socket.send_text(message), timeout=SEND_TIMEOUT)
        except (asyncio.TimeoutError, RuntimeError, ConnectionError):
            await self.leave_all(socket)

    async def broadcast(self, contest_id: int, message: str) -> None:
        async with self._lock:
            targets = list(self._rooms.get(contest_id, ()))
        await asyncio.gather(*(self._send(s, message) for s in targets))

    async def _send_and_log(self, socket: WebSocket, message: str) -> None:
        await asyncio.wait_for(socket.send_text(message), timeout=SEND_TIMEOUT)
        await self._db.execute("INSERT INTO deliveries (message) VALUES ($1)", message)

    async def broadcast_logged(self, contest_id: int, message: str) -> None:
        targets = list(self._rooms.get(contest_id, ()))
        await asyncio.gather(*(self._send_and_log(s, message) for s in targets))  # expect: backpressure
