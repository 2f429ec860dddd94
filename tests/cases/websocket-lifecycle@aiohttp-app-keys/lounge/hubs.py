"""Room hubs: local members per room, Redis pub/sub carrying messages between replicas."""
from __future__ import annotations

import json
from typing import Protocol

import redis.asyncio as aioredis


class Member(Protocol):
    def offer(self, message: str) -> None: ...


class LobbyHub:
    """Subscribes to a room's channel with its first member; never unsubscribes."""

    def __init__(self, redis: aioredis.Redis) -> None:
        self.redis = redis
        self._pubsub = redis.pubsub(ignore_subscribe_messages=True)
        self._rooms: dict[int, set[Member]] = {}

    @staticmethod
    def channel(room_id: int) -> str:
        return f"lobby:room:{room_id}"

    async def join(self, room_id: int, member: Member) -> None:
        if room_id not in self._rooms:
            self._rooms[room_id] = set()
            await self._pubsub.subscribe(self.channel(room_id))  # expect: websocket-lifecycle
        self._rooms[room_id].add(member)

    def leave(self, room_id: int, member: Member) -> None:
        members = self._rooms.get(room_id)
        if members is None:
            return
        members.discard(member)
        if not members:
            del self._rooms[room_id]

    async def publish(self, room_id: int, payload: dict) -> None:
        await self.redis.publish(self.channel(room_id), json.dumps(payload))

    async def close(self) -> None:
        await self._pubsub.aclose()


class TableHub:
    """The same hub, unsubscribing when a table empties."""

    def __init__(self, redis: aioredis.Redis) -> None:
        self.redis = redis
        self._pubsub = redis.pubsub(ignore_subscribe_messages=True)
        self._tables: dict[int, set[Member]] = {}

    async def join(self, table_id: int, member: Member) -> None:
        if table_id not in self._tables:
            self._tables[table_id] = set()
            await self._pubsub.subscribe(f"lobby:table:{table_id}")
        self._tables[table_id].add(member)

    async def leave(self, table_id: int, member: Member) -> None:
        members = self._tables.get(table_id)
        if members is None:
            return
        members.discard(member)
        if not members:
            del self._tables[table_id]
            await self._pubsub.unsubscribe(f"lobby:table:{table_id}")
