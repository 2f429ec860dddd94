from __future__ import annotations

import asyncio
import copy
import logging
from dataclasses import dataclass, field
from typing import Any

from fastapi import WebSocket
from redis.asyncio import Redis

from ..infra.pubsub import publish_board_event

logger = logging.getLogger(__name__)


@dataclass(eq=False)
class BoardConnection:
    websocket: WebSocket
    ward_id: int
    user: str
    queue: asyncio.Queue = field(default_factory=asyncio.Queue)


class BoardHub:
    """Fan-out of bed-board events to charge-nurse screens connected to this replica.

    Events are published through Redis so every replica receives them; `dispatch` is the
    subscriber side and only ever writes to local sockets.
    """

    def __init__(self, redis: Redis) -> None:
        self._redis = redis
        self._connections: dict[int, set[BoardConnection]] = {}

    def register(self, conn: BoardConnection) -> None:
        self._connections.setdefault(conn.ward_id, set()).add(conn)

    def unregister(self, conn: BoardConnection) -> None:
        ward = self._connections.get(conn.ward_id)
        if ward is not None:
            ward.discard(conn)
            if not ward:
                self._connections.pop(conn.ward_id, None)

    def connection_count(self) -> int:
        return sum(len(c) for c in self._connections.values())

    async def broadcast(self, ward_id: int, event: dict[str, Any]) -> None:
        await publish_board_event(self._redis, {"ward_id": ward_id, **event})

    async def dispatch(self, event: dict[str, Any]) -> None:
        ward_id = event.get("ward_id")
        for conn in list(self._connections.get(ward_id, ())):
            payload = copy.deepcopy(event)
            payload["viewer"] = conn.user
            conn.queue.put_nowait(payload)

    async def pump(self, conn: BoardConnection) -> None:
        while True:
            payload = await conn.queue.get()
            await conn.websocket.send_json(payload)
