"""Per-process registry of the sockets that follow a board."""
import asyncio

from fastapi import WebSocket


class BoardHub:
    def __init__(self) -> None:
        self._sockets: dict[int, set[WebSocket]] = {}
        self._lock = asyncio.Lock()

    async def join(self, board_id: int, ws: WebSocket) -> None:
        async with self._lock:
            self._sockets.setdefault(board_id, set()).add(ws)

    def leave(self, board_id: int, ws: WebSocket) -> None:
        self._sockets.get(board_id, set()).discard(ws)


class Metrics:
    def observe(self, name: str) -> None:
        pass


class AsyncMetrics:
    async def observe(self, name: str) -> None:
        await asyncio.sleep(0)
