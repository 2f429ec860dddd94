"""Relays from Redis pub/sub to the websockets of this replica."""
from __future__ import annotations

import asyncio
import logging

import redis.asyncio as aioredis

log = logging.getLogger(__name__)


class QuoteRelay:
    """Waits for its first subscription, then forwards every quote to the local listeners."""

    def __init__(self, redis: aioredis.Redis) -> None:
        self._pubsub = redis.pubsub(ignore_subscribe_messages=True)
        self._listeners: dict[str, set[asyncio.Queue]] = {}

    async def follow(self, symbol: str) -> asyncio.Queue:
        queue: asyncio.Queue = asyncio.Queue(maxsize=50)
        if symbol not in self._listeners:
            self._listeners[symbol] = set()
            await self._pubsub.subscribe(f"quotes:{symbol}")
        self._listeners[symbol].add(queue)
        return queue

    async def run(self) -> None:
        while not self._pubsub.subscribed:
            await asyncio.sleep(0.5)
        async for message in self._pubsub.listen():
            symbol = message["channel"].split(":", 1)[1]
            for queue in list(self._listeners.get(symbol, ())):
                if not queue.full():
                    queue.put_nowait(message["data"])


class NewsRelay:
    """Forwards headlines; started under a supervisor that restarts it."""

    def __init__(self, redis: aioredis.Redis) -> None:
        self._pubsub = redis.pubsub(ignore_subscribe_messages=True)
        self.headlines: asyncio.Queue = asyncio.Queue(maxsize=100)

    async def run(self) -> None:
        await self._pubsub.subscribe("news")
        async for message in self._pubsub.listen():
            if not self.headlines.full():
                self.headlines.put_nowait(message["data"])
