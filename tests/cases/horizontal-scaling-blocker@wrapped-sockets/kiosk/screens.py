"""Lobby screens: each connection has its own outbox, pumped to its socket."""
from __future__ import annotations

import asyncio
import json

from fastapi import WebSocket
from redis.asyncio import Redis


class Screen:
    def __init__(self, ws: WebSocket, venue_id: int) -> None:
        self.ws = ws
        self.venue_id = venue_id
        self.outbox: asyncio.Queue[dict] = asyncio.Queue(maxsize=100)

    async def pump(self) -> None:
        while True:
            await self.ws.send_json(await self.outbox.get())


class ArrivalBoard:
    def __init__(self) -> None:
        self.screens: dict[int, Screen] = {}  # expect: horizontal-scaling-blocker

    def add(self, key: int, screen: Screen) -> None:
        self.screens[key] = screen

    def remove(self, key: int) -> None:
        self.screens.pop(key, None)

    def publish(self, venue_id: int, event: dict) -> None:
        for screen in self.screens.values():
            if screen.venue_id == venue_id:
                screen.outbox.put_nowait(event)


class WeatherBoard:
    """Fed only by the Redis channel every replica subscribes to."""

    def __init__(self, redis: Redis) -> None:
        self._redis = redis
        self.screens: dict[int, Screen] = {}

    def add(self, key: int, screen: Screen) -> None:
        self.screens[key] = screen

    def remove(self, key: int) -> None:
        self.screens.pop(key, None)

    async def relay(self) -> None:
        pubsub = self._redis.pubsub()
        await pubsub.subscribe("weather")
        async for message in pubsub.listen():
            if message["type"] == "message":
                event = json.loads(message["data"])
                for screen in self.screens.values():
                    screen.outbox.put_nowait(event)
