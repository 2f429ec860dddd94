from __future__ import annotations

import asyncio
import itertools
import json
import logging
from dataclasses import dataclass, field
from typing import Any

import redis.asyncio as aioredis
from redis.exceptions import RedisError

log = logging.getLogger(__name__)

CONSOLE_CHANNEL = "cad:console"


class ConsoleBus:
    """Publishes console events to every replica through Redis pub/sub."""

    def __init__(self, redis: aioredis.Redis) -> None:
        self._redis = redis

    async def publish(self, event: str, payload: dict[str, Any]) -> None:
        message = json.dumps({"event": event, "data": payload}, default=str)
        try:
            await self._redis.publish(CONSOLE_CHANNEL, message)
        except RedisError:
            pass


@dataclass
class ConsoleClient:
    username: str
    agency: str
    queue: asyncio.Queue = field(repr=False)
    dropped: int = 0


class ConsoleHub:
    """Delivers bus events to the dispatcher consoles connected to this replica."""

    def __init__(self, redis: aioredis.Redis, queue_size: int) -> None:
        self._redis = redis
        self._queue_size = queue_size
        self._clients: dict[str, ConsoleClient] = {}
        self._ids = itertools.count(1)

    def register(self, username: str, agency: str) -> tuple[str, asyncio.Queue]:
        client_id = f"{username}:{next(self._ids)}"
        queue: asyncio.Queue = asyncio.Queue(maxsize=self._queue_size)
        self._clients[client_id] = ConsoleClient(username, agency, queue)
        return client_id, queue

    def unregister(self, client_id: str) -> None:
        self._clients.pop(client_id, None)

    def _deliver(self, event: dict[str, Any]) -> None:
        agency = event.get("data", {}).get("agency")
        for client in list(self._clients.values()):
            if agency and client.agency != agency:
                continue
            try:
                client.queue.put_nowait(event)
            except asyncio.QueueFull:
                client.dropped += 1
                if client.dropped % 100 == 1:
                    log.warning("console %s is slow; %d events dropped", client.username, client.dropped)

    async def run(self) -> None:
        pubsub = self._redis.pubsub()
        await pubsub.subscribe(CONSOLE_CHANNEL)
        try:
            async for message in pubsub.listen():
                if message.get("type") != "message":
                    continue
                self._deliver(json.loads(message["data"]))
        finally:
            await pubsub.aclose()
