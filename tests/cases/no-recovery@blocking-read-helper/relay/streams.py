"""Base consumer of a Redis stream through a consumer group."""
from __future__ import annotations

import logging

from redis.asyncio import Redis

log = logging.getLogger(__name__)


class GroupReader:
    def __init__(self, redis: Redis, stream: str, group: str, name: str) -> None:
        self.redis = redis
        self.stream = stream
        self.group = group
        self.name = name

    async def next_entries(self) -> list:
        """Wait up to five seconds for entries no other consumer of the group was given."""
        try:
            found = await self.redis.xreadgroup(self.group, self.name, {self.stream: ">"}, count=100, block=5000)
        except Exception:
            log.exception("stream read failed")
            return []
        return found[0][1] if found else []

    async def peek_entries(self) -> list:
        """Take what is there now, without waiting."""
        try:
            found = await self.redis.xreadgroup(self.group, self.name, {self.stream: ">"}, count=100)
        except Exception:
            log.exception("stream read failed")
            return []
        return found[0][1] if found else []

    async def acknowledge(self, ids: list) -> None:
        await self.redis.xack(self.stream, self.group, *ids)
