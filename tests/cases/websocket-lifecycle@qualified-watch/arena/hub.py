"""Who watches which match, and which screen follows which venue."""
from __future__ import annotations

from collections import defaultdict

from fastapi import WebSocket


class MatchHub:
    def __init__(self) -> None:
        self._watchers: dict[int, set[WebSocket]] = defaultdict(set)

    def watch_match(self, match_id: int, websocket: WebSocket) -> None:
        self._watchers[match_id].add(websocket)

    def unwatch_match(self, match_id: int, websocket: WebSocket) -> None:
        self._watchers[match_id].discard(websocket)

    async def push(self, match_id: int, payload: dict) -> None:
        for websocket in list(self._watchers.get(match_id, ())):
            await websocket.send_json(payload)


class Viewer:
    def __init__(self, websocket: WebSocket, venue_id: int) -> None:
        self.websocket = websocket
        self.venue_id = venue_id


class VenueFeed:
    def __init__(self) -> None:
        self.viewers: list[Viewer] = []

    def attach(self, viewer: Viewer) -> None:
        self.viewers.append(viewer)

    def detach(self, viewer: Viewer) -> None:
        self.viewers.remove(viewer)


hub = MatchHub()
venues = VenueFeed()
