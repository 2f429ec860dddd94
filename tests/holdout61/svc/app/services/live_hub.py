from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass, field

import redis.asyncio as redis
from fastapi import WebSocket

from app.caches import DirectoryCache
from app.metrics import WS_CONNECTIONS

log = logging.getLogger(__name__)


@dataclass(eq=False)
class ManagerConnection:
    websocket: WebSocket
    manager_id: int
    queue: asyncio.Queue = field(default_factory=lambda: asyncio.Queue(maxsize=256))


class LiveHub:
    """Fans clock events published on Redis out to the managers connected to this replica."""

    def __init__(self, client: redis.Redis, channel: str, directory: DirectoryCache) -> None:
        self._redis = client
        self._channel = channel
        self._directory = directory
        self._connections: set[ManagerConnection] = set()
        self._lock = asyncio.Lock()

    async def register(self, conn: ManagerConnection) -> None:
        async with self._lock:
            self._connections.add(conn)
        WS_CONNECTIONS.inc()

    async def unregister(self, conn: ManagerConnection) -> None:
        async with self._lock:
            if conn in self._connections:
                self._connections.discard(conn)
                WS_CONNECTIONS.dec()

    async def broadcast(self, event: dict) -> None:
        employee_id = int(event["employee_id"])
        async with self._lock:
            for conn in list(self._connections):
                reports = await self._directory.reports_of(conn.manager_id)
                if employee_id not in reports:
                    continue
                try:
                    conn.queue.put_nowait(event)
                except asyncio.QueueFull:
                    log.warning("manager %s feed is lagging; dropping connection", conn.manager_id)
                    await self.unregister(conn)

    async def run(self) -> None:
        delay = 1.0
        while True:
            try:
                async with self._redis.pubsub() as pubsub:
                    await pubsub.subscribe(self._channel)
                    delay = 1.0
                    async for message in pubsub.listen():
                        if message.get("type") != "message":
                            continue
                        try:
                            event = json.loads(message["data"])
                        except ValueError:
                            log.warning("ignoring malformed clock event %r", message["data"][:200])
                            continue
                        await self.broadcast(event)
            except asyncio.CancelledError:
                raise
            except redis.RedisError:
                log.exception("live hub lost its Redis subscription; reconnecting in %.0fs", delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 30.0)
            except Exception:
                log.exception("live hub fan-out failed; resubscribing in %.0fs", delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 30.0)
