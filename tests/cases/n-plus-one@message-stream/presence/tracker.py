"""Presence records kept in redis: a listener follows key events, a sweep refreshes many at once."""
from __future__ import annotations

import asyncio

from redis.asyncio import Redis


class PresenceTracker:
    def __init__(self, redis: Redis) -> None:
        self.redis = redis
        self.known: dict[str, str] = {}

    async def refresh(self, user: str) -> None:
        await self.redis.set(f"presence:{user}", self.known.get(user, ""), ex=60)

    async def follow_events(self) -> None:
        """Each expiry notice arrives on its own: one refresh per notice, when it comes."""
        async with self.redis.pubsub() as pubsub:
            await pubsub.psubscribe("__keyspace@0__:presence:*")
            async for message in pubsub.listen():
                if message["type"] != "pmessage":
                    continue
                user = message["channel"].split(b":")[-1].decode()
                if user in self.known:
                    await self.refresh(user)

    async def refresh_all(self, users: list[str]) -> None:
        for user in users:
            await self.refresh(user)  # expect: n-plus-one

    async def refresh_each_in_task(self, users: list[str]) -> None:
        tasks = [
            asyncio.create_task(self.refresh(user))  # expect: n-plus-one
            for user in users
        ]
        for task in tasks:
            await task
