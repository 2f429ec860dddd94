"""Courier and dispatcher websocket connections held by this process."""
from __future__ import annotations

from collections import defaultdict

from starlette.websockets import WebSocket

DRIVER_SOCKETS: dict[int, WebSocket] = {}


class DispatcherRegistry:
    def __init__(self) -> None:
        self._by_depot: dict[str, set[WebSocket]] = defaultdict(set)

    def join(self, depot: str, socket: WebSocket) -> None:
        self._by_depot[depot].add(socket)

    def leave(self, depot: str, socket: WebSocket) -> None:
        self._by_depot[depot].discard(socket)

    def at_depot(self, depot: str) -> list[WebSocket]:
        return list(self._by_depot.get(depot, ()))


class ScreenHub:
    def __init__(self) -> None:
        self.screens: dict[str, WebSocket] = {}

    def attach(self, name: str, socket: WebSocket) -> None:
        self.screens[name] = socket

    def detach(self, name: str) -> None:
        self.screens.pop(name, None)


dispatchers = DispatcherRegistry()
screens = ScreenHub()
