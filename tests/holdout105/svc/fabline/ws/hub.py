"""Websocket fan-out hub.

Tool status changes are published on a redis channel by whichever replica (or
ingest worker) handled the SECS/GEM event; every API replica runs `pump()` and
forwards to the websockets connected to it. The local registry therefore only
has to know about local sockets.
"""
from __future__ import annotations

import asyncio
import json
import logging
from collections import defaultdict

import redis.asyncio as aioredis
from starlette.websockets import WebSocket

logger = logging.getLogger(__name__)
ALL = "*"


class ConnectionHub:
    def __init__(self, redis: aioredis.Redis, channel: str) -> None:
        self.redis = redis
        self.channel = channel
        self._by_topic: dict[str, set[WebSocket]] = defaultdict(set)

    def register(self, ws: WebSocket, topics: list[str]) -> None:
        for topic in topics or [ALL]:
            self._by_topic[topic].add(ws)

    def unregister(self, ws: WebSocket) -> None:
        for topic in list(self._by_topic):
            self._by_topic[topic].discard(ws)
            if not self._by_topic[topic]:
                del self._by_topic[topic]

    def connected(self) -> int:
        return len({ws for sockets in self._by_topic.values() for ws in sockets})

    async def _send(self, ws: WebSocket, data: str) -> None:
        try:
            await asyncio.wait_for(ws.send_text(data), timeout=2)
        except Exception:
            logger.info("dropping slow or closed websocket")
            self.unregister(ws)

    async def broadcast(self, topic: str, data: str) -> None:
        targets = self._by_topic.get(topic, set()) | self._by_topic.get(ALL, set())
        if targets:
            await asyncio.gather(*(self._send(ws, data) for ws in targets))

    async def pump(self) -> None:
        """Forward redis pubsub messages to local sockets until cancelled."""
        pubsub = self.redis.pubsub()
        await pubsub.subscribe(self.channel)
        try:
            async for message in pubsub.listen():
                if message.get("type") != "message":
                    continue
                data = message["data"]
                try:
                    topic = str(json.loads(data)["tool_id"])
                except (ValueError, KeyError):
                    logger.warning("malformed status message: %r", data)
                    continue
                await self.broadcast(topic, data)
        finally:
            await pubsub.unsubscribe(self.channel)
            await pubsub.aclose()
