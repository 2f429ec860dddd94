"""Gate-change fan-out.

Each replica keeps the sockets it owns locally; events are published on a redis
channel so every replica delivers them to its own clients.
"""
from __future__ import annotations

import asyncio
import json
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from fastapi import WebSocket
from redis.asyncio import Redis

from ..observability import WS_CONNECTIONS

log = logging.getLogger(__name__)


@dataclass(eq=False)
class Connection:
    websocket: WebSocket
    airport: str
    queue: asyncio.Queue = field(default_factory=lambda: asyncio.Queue(maxsize=100))
    dropped: int = 0


class GateChangeHub:
    CHANNEL = "ops:gate-changes"

    def __init__(self, redis: Redis, max_connections: int = 5000) -> None:
        self._redis = redis
        self._max = max_connections
        self._local: dict[str, set[Connection]] = defaultdict(set)
        self._count = 0
        self._listener: asyncio.Task | None = None

    async def start(self) -> None:
        self._listener = asyncio.create_task(self._listen(), name="gate-hub-listener")

    async def stop(self) -> None:
        if self._listener:
            self._listener.cancel()
            await asyncio.gather(self._listener, return_exceptions=True)

    def register(self, websocket: WebSocket, airport: str) -> Connection | None:
        if self._count >= self._max:
            return None
        conn = Connection(websocket, airport)
        self._local[airport].add(conn)
        self._count += 1
        WS_CONNECTIONS.set(self._count)
        return conn

    def unregister(self, conn: Connection) -> None:
        bucket = self._local.get(conn.airport)
        if bucket and conn in bucket:
            bucket.discard(conn)
            self._count -= 1
            if not bucket:
                self._local.pop(conn.airport, None)
        WS_CONNECTIONS.set(self._count)

    async def publish(self, event: dict[str, Any]) -> None:
        await self._redis.publish(self.CHANNEL, json.dumps(event))

    def _fanout(self, event: dict[str, Any]) -> None:
        for conn in self._local.get(event.get("airport", ""), ()):
            try:
                conn.queue.put_nowait(event)
            except asyncio.QueueFull:
                conn.dropped += 1

    async def _listen(self) -> None:
        backoff = 1.0
        while True:
            pubsub = self._redis.pubsub()
            try:
                await pubsub.subscribe(self.CHANNEL)
                backoff = 1.0
                async for message in pubsub.listen():
                    if message.get("type") != "message":
                        continue
                    self._fanout(json.loads(message["data"]))
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("gate hub subscription lost; reconnecting in %.0fs", backoff)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 30.0)
            finally:
                await pubsub.aclose()
