from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass, field
from typing import Any
from uuid import uuid4

from redis.asyncio import Redis

log = logging.getLogger(__name__)

CONSOLE_CHANNEL = "gatekeep:console"


@dataclass
class Subscription:
    site_id: int
    id: str = field(default_factory=lambda: uuid4().hex)
    queue: asyncio.Queue = field(default_factory=asyncio.Queue)


class ConsoleHub:
    """Fans access events out to security consoles. Every replica listens on the same
    Redis channel, so a console sees events ingested by any replica."""

    def __init__(self, redis: Redis) -> None:
        self._redis = redis
        self._subs: dict[str, Subscription] = {}
        self._filters: dict[str, frozenset[str]] = {}
        self._listener: asyncio.Task[None] | None = None

    @property
    def connection_count(self) -> int:
        return len(self._subs)

    def start(self) -> None:
        self._listener = asyncio.create_task(self._listen_forever(), name="console-listener")

    async def stop(self) -> None:
        if self._listener is not None:
            self._listener.cancel()
            await asyncio.gather(self._listener, return_exceptions=True)

    async def _listen_forever(self) -> None:
        delay = 1.0
        while True:
            try:
                await self._listen()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("console listener failed; resubscribing in %.0fs", delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 30.0)

    async def _listen(self) -> None:
        pubsub = self._redis.pubsub()
        await pubsub.subscribe(CONSOLE_CHANNEL)
        try:
            async for message in pubsub.listen():
                if message["type"] != "message":
                    continue
                self._deliver(json.loads(message["data"]))
        finally:
            await pubsub.aclose()

    def _deliver(self, event: dict[str, Any]) -> None:
        for sub in list(self._subs.values()):
            kinds = self._filters.get(sub.id)
            if sub.site_id == event.get("site_id") and (not kinds or event.get("kind") in kinds):
                sub.queue.put_nowait(event)

    async def publish_events(self, events: list[dict[str, Any]]) -> None:
        if not events:
            return
        async with self._redis.pipeline(transaction=False) as pipe:
            for event in events:
                pipe.publish(CONSOLE_CHANNEL, json.dumps(event, default=str))
            await pipe.execute()

    def subscribe(self, site_id: int, kinds: list[str]) -> Subscription:
        sub = Subscription(site_id=site_id)
        self._subs[sub.id] = sub
        self._filters[sub.id] = frozenset(kinds)
        return sub

    def unsubscribe(self, sub: Subscription) -> None:
        self._subs.pop(sub.id, None)
