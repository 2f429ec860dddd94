"""Seller dashboard feed.

Events are published to a Redis channel; every replica subscribes and delivers to the
websockets it holds, so a seller sees events no matter which replica produced them.
"""
from __future__ import annotations

import asyncio
import json
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from redis.asyncio import Redis

log = logging.getLogger(__name__)

_QUEUE_SIZE = 100


class TooManyConnections(Exception):
    pass


def _bounded_queue() -> asyncio.Queue[dict[str, Any]]:
    return asyncio.Queue(maxsize=_QUEUE_SIZE)


@dataclass(eq=False)
class Subscriber:
    seller_id: int
    queue: asyncio.Queue[dict[str, Any]] = field(default_factory=_bounded_queue)
    dropped: bool = False


class SellerFeed:
    CHANNEL = "seller-feed"

    def __init__(self, redis: Redis, *, max_per_seller: int) -> None:
        self._redis = redis
        self._max_per_seller = max_per_seller
        self._local: dict[int, set[Subscriber]] = defaultdict(set)
        self._listener: asyncio.Task[None] | None = None
        self._stopping = False

    def start(self) -> None:
        self._listener = asyncio.create_task(self._listen(), name="seller-feed-listener")
        self._listener.add_done_callback(self._listener_done)

    def _listener_done(self, task: asyncio.Task[None]) -> None:
        if self._stopping or task.cancelled():
            return
        log.error("seller feed listener stopped; restarting in 1s", exc_info=task.exception())
        asyncio.get_running_loop().call_later(1.0, self.start)

    async def stop(self) -> None:
        self._stopping = True
        if self._listener is not None:
            self._listener.cancel()
            await asyncio.gather(self._listener, return_exceptions=True)

    async def _listen(self) -> None:
        pubsub = self._redis.pubsub()
        await pubsub.subscribe(self.CHANNEL)
        try:
            while True:
                message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=1.0)
                if message is None:
                    continue
                envelope = json.loads(message["data"])
                self._deliver_local(int(envelope["seller_id"]), envelope["event"])
        finally:
            await pubsub.aclose()

    def _deliver_local(self, seller_id: int, event: dict[str, Any]) -> None:
        subscribers = self._local.get(seller_id)
        if not subscribers:
            return
        for sub in list(subscribers):
            try:
                sub.queue.put_nowait(event)
            except asyncio.QueueFull:
                sub.dropped = True
                subscribers.discard(sub)
                log.info("dropping slow feed subscriber for seller %s", seller_id)

    async def publish(self, seller_id: int, event: dict[str, Any]) -> None:
        await self._redis.publish(self.CHANNEL, json.dumps({"seller_id": seller_id, "event": event}, default=str))

    def subscribe(self, seller_id: int) -> Subscriber:
        subscribers = self._local[seller_id]
        if len(subscribers) >= self._max_per_seller:
            raise TooManyConnections(f"seller {seller_id} already has {len(subscribers)} feed connections")
        sub = Subscriber(seller_id)
        subscribers.add(sub)
        return sub

    def unsubscribe(self, sub: Subscriber) -> None:
        subscribers = self._local.get(sub.seller_id)
        if subscribers is None:
            return
        subscribers.discard(sub)
        if not subscribers:
            del self._local[sub.seller_id]

    def connection_count(self) -> int:
        return sum(len(s) for s in self._local.values())
