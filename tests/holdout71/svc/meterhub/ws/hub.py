from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass, field

from fastapi import WebSocket
from redis.asyncio import Redis

from ..observability import WS_CONNECTIONS

log = logging.getLogger(__name__)

OUTAGE_CHANNEL = "outages:events"


@dataclass
class MapState:
    """This replica's view of the outage map, rebuilt from the database at
    start-up and kept current from the redis event channel."""

    outages: dict[int, dict] = field(default_factory=dict)
    unassigned: set[int] = field(default_factory=set)
    crew_status: dict[str, str] = field(default_factory=dict)


map_state = MapState()


class OutageHub:
    """Fan-out of outage events to the sockets connected to *this* replica.

    Every replica subscribes to the same redis channel, so an update published
    anywhere reaches every connected client.
    """

    def __init__(self, redis: Redis, max_queue: int = 256, max_per_customer: int = 3) -> None:
        self._redis = redis
        self._max_queue = max_queue
        self._max_per_customer = max_per_customer
        self._clients: dict[WebSocket, tuple[int, asyncio.Queue[str]]] = {}
        self._lock = asyncio.Lock()

    def connections_for(self, customer_id: int) -> int:
        return sum(1 for cid, _ in self._clients.values() if cid == customer_id)

    async def register(self, ws: WebSocket, customer_id: int) -> asyncio.Queue[str] | None:
        async with self._lock:  # count and insert as one step
            if self.connections_for(customer_id) >= self._max_per_customer:
                return None
            queue: asyncio.Queue[str] = asyncio.Queue(maxsize=self._max_queue)
            self._clients[ws] = (customer_id, queue)
        WS_CONNECTIONS.labels("outage_map").inc()
        return queue

    async def unregister(self, ws: WebSocket) -> None:
        async with self._lock:
            removed = self._clients.pop(ws, None)
        if removed is not None:
            WS_CONNECTIONS.labels("outage_map").dec()

    @staticmethod
    def _offer(queue: asyncio.Queue[str], message: str) -> None:
        if queue.full():
            # slow client: drop its oldest event rather than grow without bound
            queue.get_nowait()
        queue.put_nowait(message)

    async def run(self) -> None:
        pubsub = self._redis.pubsub()
        await pubsub.subscribe(OUTAGE_CHANNEL)
        try:
            async for message in pubsub.listen():
                if message.get("type") != "message":
                    continue
                data = message["data"]
                self._apply(json.loads(data))
                for _, queue in list(self._clients.values()):
                    self._offer(queue, data)
        finally:
            await pubsub.unsubscribe(OUTAGE_CHANNEL)
            await pubsub.aclose()

    @staticmethod
    def _apply(event: dict) -> None:
        kind = event.get("type")
        if kind == "outage":
            map_state.outages[event["data"]["id"]] = event["data"]
        elif kind == "resolved":
            map_state.outages.pop(event["id"], None)
            map_state.unassigned.discard(event["id"])
        elif kind == "crew":
            map_state.unassigned.discard(event["outage_id"])
            map_state.crew_status[event["crew_id"]] = "assigned"
