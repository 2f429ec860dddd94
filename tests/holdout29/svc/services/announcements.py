"""Instructor announcements pushed to learners currently in a classroom."""

from __future__ import annotations

import logging
from collections import defaultdict

from fastapi import WebSocket

logger = logging.getLogger(__name__)


class ClassroomAnnouncer:
    def __init__(self) -> None:
        self._listeners: dict[int, set[WebSocket]] = defaultdict(set)

    def register(self, course_id: int, websocket: WebSocket) -> None:
        self._listeners[course_id].add(websocket)

    def unregister(self, course_id: int, websocket: WebSocket) -> None:
        listeners = self._listeners.get(course_id)
        if listeners is not None:
            listeners.discard(websocket)

    def listener_count(self, course_id: int) -> int:
        return len(self._listeners.get(course_id, ()))

    async def broadcast(self, course_id: int, payload: dict) -> int:
        delivered = 0
        for websocket in list(self._listeners.get(course_id, ())):
            await websocket.send_json(payload)
            delivered += 1
        return delivered
