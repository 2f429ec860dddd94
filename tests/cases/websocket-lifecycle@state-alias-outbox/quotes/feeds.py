import asyncio
from typing import Any

from fastapi import WebSocket


class TickerFeed:
    def __init__(self) -> None:
        self._outboxes: dict[str, set[asyncio.Queue[dict[str, Any]]]] = {}

    def add(self, symbol: str, outbox: asyncio.Queue[dict[str, Any]]) -> None:
        self._outboxes.setdefault(symbol, set()).add(outbox)

    def remove(self, symbol: str, outbox: asyncio.Queue[dict[str, Any]]) -> None:
        self._outboxes.get(symbol, set()).discard(outbox)


class WatchList:
    def __init__(self) -> None:
        self._by_symbol: dict[str, set[WebSocket]] = {}

    def watch(self, websocket: WebSocket, symbols: list[str]) -> None:
        for symbol in symbols:
            self._by_symbol.setdefault(symbol, set()).add(websocket)

    def unwatch(self, websocket: WebSocket) -> None:
        for sockets in self._by_symbol.values():
            sockets.discard(websocket)


class Batcher:
    def __init__(self) -> None:
        self.items: list[asyncio.Queue] = []

    def add(self, outbox: asyncio.Queue) -> None:
        self.items.append(outbox)
