from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

from redis.asyncio import Redis

from svc.config import settings

logger = logging.getLogger(__name__)

_redis: Redis | None = None


def get_redis() -> Redis:
    global _redis
    if _redis is None:
        _redis = Redis.from_url(
            settings.redis_url,
            socket_timeout=2.0,
            socket_connect_timeout=2.0,
            max_connections=64,
            decode_responses=True,
        )
    return _redis


async def close_redis() -> None:
    global _redis
    if _redis is not None:
        await _redis.aclose()
        _redis = None


MAX_PENDING_PUBLISHES = 1000


class Publisher:
    """Publishes JSON events on redis channels; consumed by every replica's websocket hub."""

    def __init__(self, redis: Redis) -> None:
        self._redis = redis
        self._pending: set[asyncio.Task[int]] = set()

    async def publish(self, channel: str, payload: dict[str, Any]) -> int:
        return await self._redis.publish(channel, json.dumps(payload, default=str))

    def publish_nowait(self, channel: str, payload: dict[str, Any]) -> None:
        """Schedule a publish without waiting for it; drops the event if too many are in flight."""
        if len(self._pending) >= MAX_PENDING_PUBLISHES:
            logger.warning("publish backlog full, dropping event on %s", channel)
            return
        task = asyncio.create_task(self.publish(channel, payload))
        self._pending.add(task)
        task.add_done_callback(self._done)

    def _done(self, task: asyncio.Task[int]) -> None:
        self._pending.discard(task)
        if not task.cancelled() and task.exception() is not None:
            logger.warning("publish failed: %r", task.exception())

    async def drain(self) -> None:
        if self._pending:
            await asyncio.gather(*self._pending, return_exceptions=True)
