"""Sockets connected to this process.

Chat sockets are grouped by match room and written to directly. Presence sockets get a
per-socket outbox drained by a pump task, so a publish never waits on a client.
Cross-replica fan-out happens in realtime.relay; these registries only hold local sockets.
"""
from __future__ import annotations

import asyncio
import copy
import logging
from collections import Counter, defaultdict
from typing import Any

from starlette.websockets import WebSocket, WebSocketDisconnect

log = logging.getLogger(__name__)
SEND_TIMEOUT_SECONDS = 2.0


class ConnectionManager:
    def __init__(self, max_per_user: int) -> None:
        self._rooms: dict[str, set[WebSocket]] = defaultdict(set)
        self._per_user: Counter[int] = Counter()
        self._max_per_user = max_per_user

    def can_accept(self, user_id: int) -> bool:
        return self._per_user[user_id] < self._max_per_user

    def join(self, room: str, user_id: int, websocket: WebSocket) -> None:
        self._rooms[room].add(websocket)
        self._per_user[user_id] += 1

    def leave(self, room: str, user_id: int, websocket: WebSocket) -> None:
        self._discard(room, websocket)
        self._per_user[user_id] -= 1
        if self._per_user[user_id] <= 0:
            del self._per_user[user_id]

    def _discard(self, room: str, websocket: WebSocket) -> None:
        sockets = self._rooms.get(room)
        if sockets is None:
            return
        sockets.discard(websocket)
        if not sockets:
            del self._rooms[room]

    async def deliver(self, room: str, event: dict[str, Any]) -> None:
        for websocket in list(self._rooms.get(room, ())):
            try:
                await asyncio.wait_for(websocket.send_json(copy.deepcopy(event)), timeout=SEND_TIMEOUT_SECONDS)
            except (asyncio.TimeoutError, RuntimeError, WebSocketDisconnect):
                log.debug("dropping unresponsive socket from %s", room)
                self._discard(room, websocket)


class Outbox:
    def __init__(self, websocket: WebSocket) -> None:
        self.websocket = websocket
        self.queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()

    def push(self, event: dict[str, Any]) -> None:
        self.queue.put_nowait(event)

    async def pump(self) -> None:
        while True:
            event = await self.queue.get()
            await self.websocket.send_json(event)


class PresenceSockets:
    def __init__(self) -> None:
        self._outboxes: dict[int, list[Outbox]] = defaultdict(list)
        self._watchers: dict[int, set[int]] = defaultdict(set)

    def attach(self, user_id: int, websocket: WebSocket) -> Outbox:
        outbox = Outbox(websocket)
        self._outboxes[user_id].append(outbox)
        return outbox

    def watch(self, user_id: int, peer_ids: set[int]) -> None:
        for peer_id in peer_ids:
            self._watchers[peer_id].add(user_id)

    def detach(self, user_id: int, websocket: WebSocket) -> None:
        remaining = [o for o in self._outboxes.get(user_id, []) if o.websocket is not websocket]
        if remaining:
            self._outboxes[user_id] = remaining
            return
        self._outboxes.pop(user_id, None)
        for peer_id in list(self._watchers):
            self._watchers[peer_id].discard(user_id)
            if not self._watchers[peer_id]:
                del self._watchers[peer_id]

    def deliver(self, user_id: int, event: dict[str, Any]) -> None:
        for outbox in self._outboxes.get(user_id, ()):
            outbox.push(event)

    def deliver_to_watchers(self, peer_id: int, event: dict[str, Any]) -> None:
        for watcher in self._watchers.get(peer_id, ()):
            self.deliver(watcher, event)
