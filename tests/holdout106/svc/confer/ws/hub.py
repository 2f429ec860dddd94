from __future__ import annotations

import asyncio
import json
import logging
from typing import Protocol

import redis.asyncio as aioredis

log = logging.getLogger(__name__)


class Subscriber(Protocol):
    user_id: int

    def offer(self, message: str) -> None: ...


class ChatHub:
    """Fans chat messages out to local websockets; Redis pub/sub carries them between replicas."""

    def __init__(self, redis: aioredis.Redis) -> None:
        self.redis = redis
        self._pubsub = redis.pubsub(ignore_subscribe_messages=True)
        self._rooms: dict[int, set[Subscriber]] = {}

    @staticmethod
    def channel(session_id: int) -> str:
        return f"chat:session:{session_id}"

    async def join(self, session_id: int, client: Subscriber) -> None:
        if session_id not in self._rooms:
            await self._pubsub.subscribe(self.channel(session_id))
            self._rooms[session_id] = set()
        self._rooms[session_id].add(client)

    def leave(self, session_id: int, client: Subscriber) -> None:
        members = self._rooms.get(session_id)
        if members is None:
            return
        members.discard(client)
        if not members:
            del self._rooms[session_id]

    async def publish(self, session_id: int, payload: dict) -> None:
        await self.redis.publish(self.channel(session_id), json.dumps(payload))

    def room_size(self, session_id: int) -> int:
        return len(self._rooms.get(session_id, ()))

    async def relay_forever(self) -> None:
        while not self._pubsub.subscribed:
            await asyncio.sleep(0.5)
        async for message in self._pubsub.listen():
            channel = message["channel"]
            session_id = int(channel.rsplit(":", 1)[1])
            for client in list(self._rooms.get(session_id, ())):
                client.offer(message["data"])

    async def close(self) -> None:
        await self._pubsub.aclose()
