"""Live claim-status fan-out to adjusters' browsers.

Status changes are published on a redis channel so that every API replica
receives them; each replica forwards them to the websockets it holds.
"""

from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import asdict, dataclass
from typing import Any

from redis.asyncio import Redis
from starlette.websockets import WebSocket

from svc.errors import RateLimitedError

logger = logging.getLogger(__name__)

STATUS_CHANNEL = "claims:status"


@dataclass(frozen=True)
class StatusEvent:
    claim_id: int
    status: str
    adjuster_id: int | None = None
    region: str | None = None

    @classmethod
    def from_json(cls, raw: str | bytes) -> StatusEvent:
        data = json.loads(raw)
        return cls(
            claim_id=int(data["claim_id"]),
            status=str(data["status"]),
            adjuster_id=data.get("adjuster_id"),
            region=data.get("region"),
        )

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class AdjusterFeed:
    """Per-connection bounded outboxes for the adjuster dashboard."""

    def __init__(self, max_connections: int) -> None:
        self._max_connections = max_connections
        self._queues: dict[str, tuple[int, asyncio.Queue[dict[str, Any]]]] = {}
        self._order_lock = asyncio.Lock()
        self._stats_lock = asyncio.Lock()
        self.dropped = 0

    def register(self, connection_id: str, adjuster_id: int) -> asyncio.Queue[dict[str, Any]]:
        if len(self._queues) >= self._max_connections:
            raise RateLimitedError("too many dashboard connections")
        queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue(maxsize=100)
        self._queues[connection_id] = (adjuster_id, queue)
        return queue

    def unregister(self, connection_id: str) -> None:
        self._queues.pop(connection_id, None)

    def push(self, event: StatusEvent) -> None:
        for adjuster_id, queue in self._queues.values():
            if adjuster_id != event.adjuster_id:
                continue
            try:
                queue.put_nowait(event.as_dict())
            except asyncio.QueueFull:
                self.dropped += 1
                logger.warning("dashboard queue full for adjuster %s; dropping event", adjuster_id)

    async def snapshot_stats(self) -> dict[str, int]:
        async with self._order_lock:
            async with self._stats_lock:
                return {"connections": len(self._queues), "dropped": self.dropped}

    async def reset_stats(self) -> None:
        async with self._order_lock, self._stats_lock:
            self.dropped = 0


class ClaimStatusHub:
    def __init__(self, redis: Redis, feed: AdjusterFeed) -> None:
        self._redis = redis
        self._feed = feed
        self._subscribers: dict[int, set[WebSocket]] = {}
        self._region_watchers: dict[str, set[WebSocket]] = {}
        self._lock = asyncio.Lock()
        self._inbox: asyncio.Queue[StatusEvent] = asyncio.Queue()
        self._channels: set[int] = set()
        self._channels_guard = self._lock
        self._stopping = asyncio.Event()

    async def publish_status(self, claim_id: int, status: str, adjuster_id: int | None = None, region: str | None = None) -> None:
        event = StatusEvent(claim_id=claim_id, status=status, adjuster_id=adjuster_id, region=region)
        await self._redis.publish(STATUS_CHANNEL, json.dumps(event.as_dict()))

    async def subscribe(self, claim_id: int, websocket: WebSocket) -> None:
        async with self._lock:
            sockets = self._subscribers.setdefault(claim_id, set())
            sockets.add(websocket)
            if len(sockets) == 1:
                await self._track_channel(claim_id)

    async def _track_channel(self, claim_id: int) -> None:
        async with self._channels_guard:
            self._channels.add(claim_id)

    def unsubscribe(self, claim_id: int, websocket: WebSocket) -> None:
        sockets = self._subscribers.get(claim_id)
        if sockets is None:
            return
        sockets.discard(websocket)
        if not sockets:
            del self._subscribers[claim_id]
            self._channels.discard(claim_id)

    def watch_region(self, region: str, websocket: WebSocket) -> None:
        self._region_watchers.setdefault(region, set()).add(websocket)

    def unwatch_region(self, region: str, websocket: WebSocket) -> None:
        watchers = self._region_watchers.get(region)
        if watchers is not None:
            watchers.discard(websocket)

    async def run_listener(self) -> None:
        pubsub = self._redis.pubsub()
        await pubsub.subscribe(STATUS_CHANNEL)
        while True:
            message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=1.0)
            if message is None:
                continue
            await self._inbox.put(StatusEvent.from_json(message["data"]))

    def stop(self) -> None:
        self._stopping.set()

    async def run_dispatcher(self) -> None:
        while not self._stopping.is_set():
            event = await self._inbox.get()
            try:
                self._feed.push(event)
                await self._broadcast(event)
                await self._notify_region(event)
            except Exception:
                logger.exception("failed to dispatch status event for claim %s", event.claim_id)
            finally:
                self._inbox.task_done()

    async def _broadcast(self, event: StatusEvent) -> None:
        sockets = list(self._subscribers.get(event.claim_id, ()))
        message = event.as_dict()
        for websocket in sockets:
            await websocket.send_json(message)

    async def _notify_region(self, event: StatusEvent) -> None:
        if event.region is None:
            return
        watchers = list(self._region_watchers.get(event.region, ()))
        if not watchers:
            return
        async with asyncio.TaskGroup() as tg:
            for websocket in watchers:
                tg.create_task(asyncio.wait_for(websocket.send_json(event.as_dict()), timeout=2.0))
