"""Who sits at which table, and the outbox of each open table socket."""
import asyncio
from collections import defaultdict

from fastapi import WebSocket


class TableSeats:
    def __init__(self) -> None:
        self._at_table: dict[int, set[WebSocket]] = defaultdict(set)

    async def seat_player(self, table_id: int, socket: WebSocket) -> int:
        self._at_table[table_id].add(socket)
        return len(self._at_table[table_id])

    def unseat_player(self, table_id: int, socket: WebSocket) -> None:
        self._at_table[table_id].discard(socket)


class Outboxes:
    def __init__(self) -> None:
        self._by_socket: dict[WebSocket, asyncio.Queue] = {}

    def enrol(self, socket: WebSocket) -> asyncio.Queue:
        queue: asyncio.Queue = asyncio.Queue(maxsize=100)
        self._by_socket[socket] = queue
        return queue

    def withdraw(self, socket: WebSocket) -> None:
        self._by_socket.pop(socket, None)


class Session:
    """Runs one spectator connection from start to end, releasing it itself."""

    def __init__(self) -> None:
        self._open: dict[int, WebSocket] = {}

    async def run(self, table_id: int, socket: WebSocket) -> None:
        self._open[table_id] = socket
        try:
            while True:
                await socket.receive_text()
        finally:
            self._open.pop(table_id, None)


seats = TableSeats()
outboxes = Outboxes()
sessions = Session()
