"""Who is online, and the chat pushes that depend on it."""
from __future__ import annotations

import time

from redis.asyncio import Redis


class PresenceService:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis
        self._online: dict[int, float] = {}  # expect: horizontal-scaling-blocker

    async def mark_online(self, user_id: int) -> None:
        self._online[user_id] = time.time()
        await self._redis.zadd("online", {str(user_id): time.time()})

    async def mark_offline(self, user_id: int) -> None:
        self._online.pop(user_id, None)
        await self._redis.zrem("online", str(user_id))

    async def is_online(self, user_id: int) -> bool:
        return user_id in self._online


class TypingTracker:
    """Who is typing in a room, answered to the same room's sockets."""

    def __init__(self) -> None:
        self._typing: dict[int, set[int]] = {}

    def typing(self, room_id: int, user_id: int) -> list[int]:
        typers = self._typing.setdefault(room_id, set())
        typers.add(user_id)
        return sorted(typers - {user_id})


class ChatNotifier:
    def __init__(self, presence: PresenceService, redis: Redis) -> None:
        self._presence = presence
        self._redis = redis

    async def new_message(self, recipient_id: int, text: str) -> None:
        if await self._presence.is_online(recipient_id):
            return
        await self._redis.lpush(f"push:{recipient_id}", text)
