"""Open dashboard tabs, by practitioner, and per-room viewers."""
import asyncio

from fastapi import WebSocket


class Dashboard:
    def __init__(self) -> None:
        self._sockets: dict[int, WebSocket] = {}
        self._lock = asyncio.Lock()

    async def attach(self, practitioner_id: int, websocket: WebSocket) -> None:
        async with self._lock:
            self._sockets[practitioner_id] = websocket  # expect: websocket-lifecycle
        await websocket.send_json({"type": "attached"})

    async def publish(self, practitioner_id: int, event: dict) -> None:
        websocket = self._sockets.get(practitioner_id)
        if websocket is not None:
            await websocket.send_json(event)

    def clear(self) -> None:
        self._sockets.clear()


class Viewers:
    def __init__(self) -> None:
        self._by_room: dict[str, set[WebSocket]] = {}

    def join(self, room: str, websocket: WebSocket) -> None:
        self._by_room.setdefault(room, set()).add(websocket)

    def leave(self, room: str, websocket: WebSocket) -> None:
        self._by_room.get(room, set()).discard(websocket)


class Watchers:
    def __init__(self) -> None:
        self._sockets: dict[int, WebSocket] = {}

    def watch(self, ride_id: int, websocket: WebSocket) -> None:
        self._sockets[ride_id] = websocket

    def publish(self, ride_id: int, event: dict) -> None:
        self._sockets.pop(ride_id, None) if event.get("final") else None


dashboard = Dashboard()
viewers = Viewers()
watchers = Watchers()
