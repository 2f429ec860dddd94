"""Live apron map: stand occupancy and aircraft positions, fanned out to map clients."""
from __future__ import annotations

import asyncio
import copy
import itertools
import json
import logging
from typing import Any

from redis.asyncio import Redis

log = logging.getLogger(__name__)

MAP_CHANNEL = "apron:map"


class ApronMapHub:
    """Each replica subscribes to the redis channel and serves its own sockets from it."""

    def __init__(self, redis: Redis) -> None:
        self._redis = redis
        self._ids = itertools.count(1)
        self._subscribers: dict[int, tuple[str, asyncio.Queue[dict[str, Any]]]] = {}
        self._snapshots: dict[str, dict[str, dict[str, Any]]] = {}

    def subscribe(self, airport: str) -> tuple[int, asyncio.Queue[dict[str, Any]]]:
        sub_id = next(self._ids)
        queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self._subscribers[sub_id] = (airport, queue)
        return sub_id, queue

    def unsubscribe(self, sub_id: int) -> None:
        self._subscribers.pop(sub_id, None)

    def snapshot(self, airport: str) -> dict[str, dict[str, Any]]:
        # Copied because the listener keeps mutating the live dict while a socket serialises this one.
        return dict(self._snapshots.get(airport, {}))

    async def publish(self, event: dict[str, Any]) -> None:
        await self._redis.publish(MAP_CHANNEL, json.dumps(event, default=str))

    def _apply(self, event: dict[str, Any]) -> None:
        stands = self._snapshots.setdefault(event["airport"], {})
        if event["type"] == "stand_released":
            stands.pop(event["stand"], None)
        else:
            stands[event["stand"]] = {"flight": event.get("flight"), "state": event["type"]}

    async def listen(self, stop: asyncio.Event) -> None:
        pubsub = self._redis.pubsub()
        await pubsub.subscribe(MAP_CHANNEL)
        try:
            while not stop.is_set():
                message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=1.0)
                if message is None:
                    continue
                event = json.loads(message["data"])
                self._apply(event)
                for airport, queue in self._subscribers.values():
                    if airport == event["airport"]:
                        queue.put_nowait(copy.deepcopy(event))
        finally:
            await pubsub.unsubscribe(MAP_CHANNEL)
            await pubsub.aclose()
