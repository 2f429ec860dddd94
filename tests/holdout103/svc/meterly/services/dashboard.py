from __future__ import annotations

import asyncio
import json
import logging
from collections import defaultdict

from redis.asyncio import Redis
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


class TooManyConnections(Exception):
    pass


class LiveUsageFeed:
    """Fans the per-tenant `live:<tenant>` redis channels out to dashboard websockets on this replica."""

    def __init__(self, redis: Redis, max_per_tenant: int) -> None:
        self._redis = redis
        self._max_per_tenant = max_per_tenant
        self._subscribers: dict[str, set[asyncio.Queue]] = defaultdict(set)
        self._pubsub = None
        self._listener: asyncio.Task | None = None

    async def start(self) -> None:
        self._listener = asyncio.create_task(self._listen(), name="live-usage-listener")

    async def stop(self) -> None:
        if self._listener is not None:
            self._listener.cancel()
        if self._pubsub is not None:
            await self._pubsub.aclose()

    async def _listen(self) -> None:
        backoff = 0.5
        while True:
            try:
                if self._pubsub is None:
                    self._pubsub = self._redis.pubsub(ignore_subscribe_messages=True)
                    await self._pubsub.psubscribe("live:*")
                await self._pump()
            except RedisError:
                logger.warning("live usage subscription dropped, resubscribing in %.1fs", backoff, exc_info=True)
                self._pubsub = None
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 30.0)

    async def _pump(self) -> None:
        assert self._pubsub is not None
        async for message in self._pubsub.listen():
            channel = message["channel"].decode()
            tenant_id = channel.split(":", 1)[1]
            queues = self._subscribers.get(tenant_id)
            if not queues:
                continue
            try:
                data = json.loads(message["data"])
            except ValueError:
                logger.warning("malformed live usage message on %s", channel)
                continue
            for queue in queues:
                queue.put_nowait(data)

    def subscribe(self, tenant_id: str) -> asyncio.Queue:
        if len(self._subscribers[tenant_id]) >= self._max_per_tenant:
            raise TooManyConnections(tenant_id)
        queue: asyncio.Queue = asyncio.Queue()
        self._subscribers[tenant_id].add(queue)
        return queue

    def unsubscribe(self, tenant_id: str, queue: asyncio.Queue) -> None:
        queues = self._subscribers.get(tenant_id)
        if queues is not None:
            queues.discard(queue)
            if not queues:
                del self._subscribers[tenant_id]
