"""Game lobbies: the sockets of each room, and fan-out of room events."""
import asyncio

from fastapi import WebSocket


class Lobby:
    def __init__(self) -> None:
        self._members: dict[str, set[WebSocket]] = {}
        self._guard = asyncio.Lock()

    async def enter(self, room: str, socket: WebSocket) -> None:
        async with self._guard:
            self._members.setdefault(room, set()).add(socket)

    async def announce(self, room: str, event: dict) -> None:
        async with self._guard:  # expect: deadlock
            for socket in self._members.get(room, ()):
                await socket.send_json(event)

    async def announce_snapshot(self, room: str, event: dict) -> None:
        async with self._guard:
            targets = list(self._members.get(room, ()))
        for socket in targets:
            await socket.send_json(event)


class Seat:
    """One player's socket; its own lock keeps two writers from interleaving frames."""

    def __init__(self, socket: WebSocket) -> None:
        self.socket = socket
        self._write_lock = asyncio.Lock()

    async def push(self, text: str) -> None:
        async with self._write_lock:
            await self.socket.send_text(text)


class Table:
    def __init__(self) -> None:
        self._lock = asyncio.Lock()
        self._players: list = []

    async def deal(self, cards: list[str]) -> None:
        async with self._lock:  # expect: deadlock
            for index, player in enumerate(self._players):
                await player.send_bytes(cards[index].encode())
