"""Event fan-out: the session event stream, the audit trail, live driver updates and the operator feed."""
from __future__ import annotations

import asyncio
import json
import logging
import sys
from collections.abc import Awaitable
from dataclasses import dataclass, field
from typing import Any

from fastapi import WebSocket
from redis.asyncio import Redis
from redis.exceptions import RedisError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from svc.db.models import AuditEvent
from svc.observability import metrics

if sys.version_info >= (3, 12):
    from itertools import batched
else:
    from itertools import islice

    def batched(iterable, n):
        it = iter(iterable)
        while chunk := tuple(islice(it, n)):
            yield chunk


log = logging.getLogger(__name__)

SESSION_EVENTS_STREAM = "evc:session-events"
LIVE_CHANNEL_PREFIX = "live:tx:"
OPERATOR_FEED_CHANNEL = "ops:feed"


class SessionEventPublisher:
    """Publishes session lifecycle events to a capped redis stream consumed by the scheduler."""

    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def publish(self, kind: str, fields: dict[str, Any]) -> None:
        entry = {"type": kind, **{key: str(value) for key, value in fields.items()}}
        await self._redis.xadd(SESSION_EVENTS_STREAM, entry, maxlen=100_000, approximate=True)

    def publish_live(self, transaction_id: int, update: dict[str, Any]) -> Awaitable[int]:
        return self._redis.publish(f"{LIVE_CHANNEL_PREFIX}{transaction_id}", json.dumps(update, default=str))


class AuditLog:
    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self._session_factory = session_factory

    async def record(self, kind: str, *, subject: str, payload: dict[str, Any] | None = None) -> None:
        async with self._session_factory() as db, db.begin():
            db.add(AuditEvent(kind=kind, subject=subject, payload=payload or {}))


class LiveHub:
    """Delivers live transaction updates to driver-app websockets connected to this replica."""

    def __init__(self, *, queue_size: int = 32) -> None:
        self._subs: dict[int, set[asyncio.Queue[dict[str, Any]]]] = {}
        self._queue_size = queue_size
        self._closing = False

    def subscribe(self, transaction_id: int) -> asyncio.Queue[dict[str, Any]]:
        queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue(maxsize=self._queue_size)
        self._subs.setdefault(transaction_id, set()).add(queue)
        return queue

    def unsubscribe(self, transaction_id: int, queue: asyncio.Queue[dict[str, Any]]) -> None:
        subs = self._subs.get(transaction_id)
        if subs is None:
            return
        subs.discard(queue)
        if not subs:
            del self._subs[transaction_id]

    def close(self) -> None:
        self._closing = True

    def deliver(self, transaction_id: int, update: dict[str, Any]) -> None:
        for queue in self._subs.get(transaction_id, ()):
            try:
                queue.put_nowait(update)
            except asyncio.QueueFull:
                metrics.inc("live_updates_dropped_total")

    async def run(self, redis: Redis) -> None:
        delay = 1.0
        while not self._closing:
            try:
                await self._listen(redis)
                delay = 1.0
            except (RedisError, OSError) as exc:
                log.warning("live hub lost redis (%s); reconnecting in %.0fs", exc, delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 30.0)

    async def _listen(self, redis: Redis) -> None:
        pubsub = redis.pubsub()
        await pubsub.psubscribe(f"{LIVE_CHANNEL_PREFIX}*")
        try:
            while True:
                message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=1.0)
                if message is None:
                    continue
                try:
                    transaction_id = int(message["channel"].removeprefix(LIVE_CHANNEL_PREFIX))
                    self.deliver(transaction_id, json.loads(message["data"]))
                except ValueError:
                    log.warning("dropping malformed live update on %s", message["channel"])
        finally:
            await pubsub.aclose()


@dataclass(eq=False)
class FeedClient:
    websocket: WebSocket
    site_ids: set[int] = field(default_factory=set)
    outbox: asyncio.Queue[str] = field(default_factory=lambda: asyncio.Queue(maxsize=256))


class OperatorFeed:
    """Network-wide event feed for the operations dashboard."""

    def __init__(self, redis: Redis) -> None:
        self._redis = redis
        self._clients: set[FeedClient] = set()
        self._backlog: list[dict[str, Any]] = []

    def attach(self, websocket: WebSocket) -> FeedClient:
        client = FeedClient(websocket)
        self._clients.add(client)
        return client

    def detach(self, client: FeedClient) -> None:
        self._clients.discard(client)

    async def publish(self, event: dict[str, Any]) -> None:
        await self._redis.publish(OPERATOR_FEED_CHANNEL, json.dumps(event, default=str))

    async def listen(self) -> None:
        pubsub = self._redis.pubsub()
        await pubsub.subscribe(OPERATOR_FEED_CHANNEL)
        try:
            while True:
                message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=1.0)
                if message is not None:
                    self._backlog.append(json.loads(message["data"]))
        finally:
            await pubsub.aclose()

    async def flush_forever(self, interval: float = 1.0) -> None:
        while True:
            await asyncio.sleep(interval)
            if not self._clients:
                continue
            events, self._backlog = self._backlog, []
            for client in self._clients:
                wanted = [e for e in events if not client.site_ids or e.get("site_id") in client.site_ids]
                for chunk in batched(wanted, 100):
                    try:
                        client.outbox.put_nowait(json.dumps(chunk))
                    except asyncio.QueueFull:
                        metrics.inc("operator_feed_dropped_total")
                        break

    async def close_all(self) -> None:
        for client in list(self._clients):
            await client.websocket.close(code=1001)
