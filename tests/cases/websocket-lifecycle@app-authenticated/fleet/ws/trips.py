"""Rider trip socket: each connection wrapped with the trip it watches."""
from dataclasses import dataclass

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

router = APIRouter()


@dataclass(eq=False)
class TripWatcher:
    socket: WebSocket
    trip_id: int


class TripFeed:
    def __init__(self) -> None:
        self.watchers: list[TripWatcher] = []

    def add(self, watcher: TripWatcher) -> None:
        self.watchers.append(watcher)

    def remove(self, watcher: TripWatcher) -> None:
        self.watchers.remove(watcher)


feed = TripFeed()


@router.websocket("/ws/trips/{trip_id}")
async def trip_updates(websocket: WebSocket, trip_id: int) -> None:
    await websocket.accept()  # expect: websocket-lifecycle
    watcher = TripWatcher(websocket, trip_id)
    feed.add(watcher)
    try:
        while True:
            await websocket.receive_text()
    except WebSocketDisconnect:
        pass
    finally:
        feed.remove(watcher)
