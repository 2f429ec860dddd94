"""Fan-out of claim status changes to connected claimants and adjusters."""
from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections import defaultdict
from datetime import datetime, timezone

import redis.asyncio as aioredis

log = logging.getLogger(__name__)

ADJUSTER_CHANNEL = "claims:adjuster-events"


class StatusBroadcaster:
    """Claimant-facing status stream, keyed by claim number."""

    def __init__(self) -> None:
        self._subscribers: dict[str, set[asyncio.Queue]] = defaultdict(set)

    def subscribe(self, claim_number: str) -> asyncio.Queue:
        queue: asyncio.Queue = asyncio.Queue()
        self._subscribers[claim_number].add(queue)
        return queue

    def unsubscribe(self, claim_number: str, queue: asyncio.Queue) -> None:
        queues = self._subscribers.get(claim_number)
        if not queues:
            return
        queues.discard(queue)
        if not queues:
            del self._subscribers[claim_number]

    def connection_count(self, claim_number: str) -> int:
        return len(self._subscribers.get(claim_number, ()))

    async def publish(self, claim_number: str, status: str, detail: str | None = None) -> None:
        event = {
            "claim_number": claim_number,
            "status": status,
            "detail": detail,
            "at": datetime.now(timezone.utc).isoformat(),
        }
        for queue in list(self._subscribers.get(claim_number, ())):
            queue.put_nowait(event)


class AdjusterFeed:
    """Assignment and escalation events for adjuster dashboards, shared across replicas via redis."""

    def __init__(self, redis: aioredis.Redis) -> None:
        self._redis = redis
        self._listeners: dict[int, asyncio.Queue] = {}
        self._reader: asyncio.Task | None = None

    async def start(self) -> None:
        self._reader = asyncio.create_task(self._read_loop(), name="adjuster-feed-reader")

    async def stop(self) -> None:
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reader

    async def emit(self, adjuster_id: int, kind: str, payload: dict) -> None:
        message = json.dumps({"adjuster_id": adjuster_id, "kind": kind, "payload": payload})
        await self._redis.publish(ADJUSTER_CHANNEL, message)

    def listen(self, adjuster_id: int) -> asyncio.Queue:
        queue: asyncio.Queue = asyncio.Queue(maxsize=100)
        self._listeners[adjuster_id] = queue
        return queue

    def forget(self, adjuster_id: int) -> None:
        self._listeners.pop(adjuster_id, None)

    async def _read_loop(self) -> None:
        while True:
            try:
                async with self._redis.pubsub() as pubsub:
                    await pubsub.subscribe(ADJUSTER_CHANNEL)
                    async for message in pubsub.listen():
                        if message.get("type") != "message":
                            continue
                        self._dispatch(json.loads(message["data"]))
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("adjuster feed reader failed; reconnecting")
                await asyncio.sleep(2)

    def _dispatch(self, event: dict) -> None:
        queue = self._listeners.get(event["adjuster_id"])
        if queue is None:
            return
        try:
            queue.put_nowait(event)
        except asyncio.QueueFull:
            log.warning("dropping event for slow adjuster dashboard %s", event["adjuster_id"])
