"""Fan-out of truck positions and lift events to dispatcher map sessions."""
from __future__ import annotations

import asyncio
import json
import logging

from starlette.websockets import WebSocket

logger = logging.getLogger(__name__)

SESSION_QUEUE_SIZE = 256


class DispatcherSession:
    def __init__(self, websocket: WebSocket, depot_id: str) -> None:
        self.websocket = websocket
        self.depot_id = depot_id
        self.queue: asyncio.Queue[str] = asyncio.Queue(maxsize=SESSION_QUEUE_SIZE)
        self.dropped = 0

    def offer(self, message: str) -> None:
        try:
            self.queue.put_nowait(message)
        except asyncio.QueueFull:
            self.dropped += 1

    async def pump(self) -> None:
        while True:
            message = await self.queue.get()
            await self.websocket.send_text(message)


class LiveMapHub:
    def __init__(self) -> None:
        self._sessions: set[DispatcherSession] = set()

    def __len__(self) -> int:
        return len(self._sessions)

    def register(self, session: DispatcherSession) -> None:
        self._sessions.add(session)

    def unregister(self, session: DispatcherSession) -> None:
        self._sessions.discard(session)

    def broadcast(self, depot_id: str, event: dict) -> None:
        message = json.dumps(event)
        for session in list(self._sessions):
            if session.depot_id == depot_id:
                session.offer(message)
