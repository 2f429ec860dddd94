"""Redis pub/sub relay so an event published on one replica reaches sockets on all of them."""
from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Iterable
from typing import Any

from redis.asyncio import Redis

from .connections import ConnectionManager, PresenceSockets

log = logging.getLogger(__name__)

CHANNEL_PREFIX = "hl:rt:"


def match_room(match_id: int) -> str:
    return f"match:{match_id}"


def user_room(user_id: int) -> str:
    return f"user:{user_id}"


def presence_room(user_id: int) -> str:
    return f"presence:{user_id}"


class Relay:
    def __init__(self, redis: Redis, connections: ConnectionManager, presence_sockets: PresenceSockets) -> None:
        self._redis = redis
        self._connections = connections
        self._presence_sockets = presence_sockets
        self._inbox: asyncio.Queue[tuple[str, dict[str, Any]]] = asyncio.Queue(maxsize=10_000)

    async def publish(self, room: str, event: dict[str, Any]) -> None:
        await self._redis.publish(CHANNEL_PREFIX + room, json.dumps(event, default=str))

    async def publish_to_users(self, user_ids: Iterable[int], event: dict[str, Any]) -> None:
        for user_id in user_ids:
            await self.publish(user_room(user_id), event)

    async def run(self) -> None:
        pubsub = self._redis.pubsub()
        await pubsub.psubscribe(CHANNEL_PREFIX + "*")
        async for message in pubsub.listen():
            if message["type"] != "pmessage":
                continue
            room = message["channel"][len(CHANNEL_PREFIX):]
            try:
                self._inbox.put_nowait((room, json.loads(message["data"])))
            except asyncio.QueueFull:
                log.warning("relay inbox full; dropping event for %s", room)

    async def dispatch(self) -> None:
        while True:
            room, event = await self._inbox.get()
            kind, _, ident = room.partition(":")
            if kind == "user":
                self._presence_sockets.deliver(int(ident), event)
            elif kind == "presence":
                self._presence_sockets.deliver_to_watchers(int(ident), event)
            else:
                await self._connections.deliver(room, event)
