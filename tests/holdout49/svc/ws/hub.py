"""Fan-out of live bid events: redis pub/sub across replicas, local queues per socket."""
from __future__ import annotations

import asyncio
import copy
import json
import logging
from dataclasses import dataclass, field

from redis.asyncio import Redis

log = logging.getLogger(__name__)

CHANNEL_PREFIX = "lot-events:"


@dataclass(eq=False)
class Subscriber:
    user_id: int | None
    lot_id: int
    queue: asyncio.Queue = field(default_factory=asyncio.Queue)
    dropped: int = 0


class BidHub:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis
        self._subs: dict[int, set[Subscriber]] = {}
        self._listener: asyncio.Task | None = None

    @property
    def connection_count(self) -> int:
        return sum(len(s) for s in self._subs.values())

    def subscribe(self, lot_id: int, user_id: int | None) -> Subscriber:
        sub = Subscriber(user_id=user_id, lot_id=lot_id)
        self._subs.setdefault(lot_id, set()).add(sub)
        return sub

    def unsubscribe(self, sub: Subscriber) -> None:
        subs = self._subs.get(sub.lot_id)
        if subs is None:
            return
        subs.discard(sub)
        if not subs:
            self._subs.pop(sub.lot_id, None)

    async def publish(self, lot_id: int, event: dict) -> None:
        await self._redis.publish(f"{CHANNEL_PREFIX}{lot_id}", json.dumps(event))

    def _deliver(self, lot_id: int, event: dict) -> None:
        for sub in list(self._subs.get(lot_id, ())):
            sub.queue.put_nowait(copy.deepcopy(event))

    async def listen(self) -> None:
        pubsub = self._redis.pubsub()
        await pubsub.psubscribe(f"{CHANNEL_PREFIX}*")
        try:
            async for message in pubsub.listen():
                if message["type"] != "pmessage":
                    continue
                lot_id = int(message["channel"].removeprefix(CHANNEL_PREFIX))
                self._deliver(lot_id, json.loads(message["data"]))
        finally:
            await pubsub.aclose()

    async def snapshot(self, lot_id: int) -> dict | None:
        raw = await self._redis.get(f"lot-snapshot:{lot_id}")
        return json.loads(raw) if raw else None

    async def store_snapshot(self, lot_id: int, event: dict) -> None:
        await self._redis.set(f"lot-snapshot:{lot_id}", json.dumps(event), ex=3600)

    def stats(self) -> dict[str, int]:
        return {
            "lots": len(self._subs),
            "sockets": self.connection_count,
            "queued": sum(s.queue.qsize() for subs in self._subs.values() for s in subs),
        }
