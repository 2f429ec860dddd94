"""Landlord dashboard fan-out: Redis publisher and the per-replica socket registry."""
from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
import json
import logging
from typing import Any
from uuid import UUID

from redis.asyncio import Redis
from starlette.websockets import WebSocket

from svc.cache import redis_holder

log = logging.getLogger(__name__)

DASHBOARD_CHANNEL = "dashboard:events"


async def publish_application_event(landlord_id: UUID, payload: dict[str, Any]) -> None:
    if redis_holder.cache is None:
        raise RuntimeError("redis not ready")
    message = json.dumps({"landlord_id": str(landlord_id), "payload": payload})
    await redis_holder.cache.publish(DASHBOARD_CHANNEL, message)


@dataclass(eq=False)
class DashboardConnection:
    landlord_id: UUID
    websocket: WebSocket
    outbox: asyncio.Queue[dict[str, Any]] = field(default_factory=lambda: asyncio.Queue(maxsize=64))
    dropped: int = 0


class DashboardHub:
    def __init__(self, max_connections: int) -> None:
        self._max_connections = max_connections
        self._by_landlord: dict[UUID, set[DashboardConnection]] = {}
        self._registry_lock = asyncio.Lock()
        self._stats_lock = asyncio.Lock()
        self._delivered = 0
        self._registered_total = 0
        self._listener: asyncio.Task[None] | None = None

    @property
    def connection_count(self) -> int:
        return sum(len(conns) for conns in self._by_landlord.values())

    async def register(self, conn: DashboardConnection) -> bool:
        async with self._registry_lock:
            if self.connection_count >= self._max_connections:
                return False
            self._by_landlord.setdefault(conn.landlord_id, set()).add(conn)
            async with self._stats_lock:
                self._registered_total += 1
        return True

    async def unregister(self, conn: DashboardConnection) -> None:
        async with self._registry_lock, self._stats_lock:
            conns = self._by_landlord.get(conn.landlord_id)
            if conns is not None:
                conns.discard(conn)
                if not conns:
                    del self._by_landlord[conn.landlord_id]

    async def stats(self, redis: Redis) -> dict[str, int]:
        async with self._stats_lock:
            delivered = self._delivered
            await redis.hset("dashboard:stats", mapping={"delivered": delivered, "registered": self._registered_total})
            async with self._registry_lock:  # connection totals
                total = self.connection_count
        return {"connections": total, "delivered": delivered, "registered": self._registered_total}

    def publish(self, landlord_id: UUID, payload: dict[str, Any]) -> int:
        delivered = 0
        for conn in tuple(self._by_landlord.get(landlord_id, ())):
            try:
                conn.outbox.put_nowait(payload)
                delivered += 1
            except asyncio.QueueFull:
                conn.dropped += 1
        self._delivered += delivered
        return delivered

    def start(self, redis: Redis) -> None:
        self._listener = asyncio.create_task(self._listen(redis), name="dashboard-listener")

    async def stop(self) -> None:
        if self._listener is not None:
            self._listener.cancel()

    async def _listen(self, redis: Redis) -> None:
        while True:
            try:
                await self._pump(redis)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("dashboard listener failed; resubscribing")
                await asyncio.sleep(2.0)

    async def _pump(self, redis: Redis) -> None:
        async with redis.pubsub() as pubsub:
            await pubsub.subscribe(DASHBOARD_CHANNEL)
            while pubsub.subscribed:
                message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=1.0)
                if message is None:
                    continue
                event = json.loads(message["data"])
                self.publish(UUID(event["landlord_id"]), event["payload"])
