"""Relays live vehicle positions from redis pub/sub to this replica's websocket clients."""
from __future__ import annotations

import asyncio
import contextlib
import copy
import json
import logging
from dataclasses import dataclass, field
from typing import Any

from redis.asyncio import Redis
from starlette.websockets import WebSocket

from transit.metrics import WS_CLIENTS

logger = logging.getLogger(__name__)

CLIENT_QUEUE_SIZE = 32


@dataclass(eq=False)
class LiveClient:
    websocket: WebSocket
    routes: set[str] = field(default_factory=set)
    queue: asyncio.Queue[dict[str, Any]] = field(default_factory=lambda: asyncio.Queue(maxsize=CLIENT_QUEUE_SIZE))
    dropped: int = 0

    def offer(self, message: dict[str, Any]) -> None:
        if self.queue.full():
            with contextlib.suppress(asyncio.QueueEmpty):
                self.queue.get_nowait()
            self.dropped += 1
        self.queue.put_nowait(message)


class VehicleHub:
    """Each replica subscribes to the shared redis channels, so riders on any replica get every update."""

    def __init__(self, redis: Redis) -> None:
        self._redis = redis
        self._clients: set[LiveClient] = set()
        self._listener: asyncio.Task[None] | None = None

    @property
    def client_count(self) -> int:
        return len(self._clients)

    def register(self, client: LiveClient) -> None:
        self._clients.add(client)
        WS_CLIENTS.labels("vehicles").set(len(self._clients))

    def unregister(self, client: LiveClient) -> None:
        self._clients.discard(client)
        WS_CLIENTS.labels("vehicles").set(len(self._clients))

    async def start(self) -> None:
        self._listener = asyncio.create_task(self._listen(), name="vehicle-hub-listener")

    async def stop(self) -> None:
        if self._listener:
            self._listener.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._listener

    async def _listen(self) -> None:
        backoff = 1.0
        while True:
            try:
                pubsub = self._redis.pubsub()
                await pubsub.psubscribe("vehicles:*")
                backoff = 1.0
                async for message in pubsub.listen():
                    if message["type"] != "pmessage":
                        continue
                    self.dispatch(json.loads(message["data"]))
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("vehicle hub listener failed; resubscribing in %.0fs", backoff)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 30.0)

    def dispatch(self, update: dict[str, Any]) -> None:
        route_id = update.get("route_id")
        for client in self._clients:
            if route_id in client.routes:
                client.offer(copy.deepcopy(update))
