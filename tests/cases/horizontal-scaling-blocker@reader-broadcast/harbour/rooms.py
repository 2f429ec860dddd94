from collections import defaultdict

from starlette.websockets import WebSocket


class ChatRooms:
    """Sockets per chat room, in this process."""

    def __init__(self) -> None:
        self._rooms: dict[str, set[WebSocket]] = defaultdict(set)  # expect: horizontal-scaling-blocker

    def join(self, room: str, ws: WebSocket) -> None:
        self._rooms[room].add(ws)

    def leave(self, room: str, ws: WebSocket) -> None:
        self._rooms[room].discard(ws)

    def members(self, room: str) -> list[WebSocket]:
        return list(self._rooms.get(room, ()))

    async def broadcast(self, room: str, payload: dict) -> None:
        for ws in self.members(room):
            try:
                await ws.send_json(payload)
            except RuntimeError:
                self.leave(room, ws)


class BerthBoard:
    """Sockets watching the berth board; fed by a Redis channel every process listens to."""

    def __init__(self) -> None:
        self._watchers: dict[str, set[WebSocket]] = defaultdict(set)

    def watch(self, port: str, ws: WebSocket) -> None:
        self._watchers[port].add(ws)

    def unwatch(self, port: str, ws: WebSocket) -> None:
        self._watchers[port].discard(ws)

    def watchers(self, port: str) -> list[WebSocket]:
        return list(self._watchers.get(port, ()))

    async def deliver(self, port: str, payload: dict) -> None:
        for ws in self.watchers(port):
            try:
                await ws.send_json(payload)
            except RuntimeError:
                self.unwatch(port, ws)
