"""Marks users offline when their presence heartbeat has gone stale (the app was killed, the
network dropped). Started inside the API process from the lifespan."""
from __future__ import annotations

import asyncio
import logging
import time

from redis.asyncio import Redis

from ..cache import ONLINE_ZSET
from ..services.presence import PresenceService
from ..settings import Settings

log = logging.getLogger(__name__)


class PresenceSweeper:
    name = "presence-sweeper"

    def __init__(self, redis: Redis, presence: PresenceService, settings: Settings) -> None:
        self.redis = redis
        self.presence = presence
        self.ttl = settings.presence_ttl_seconds
        self.interval = settings.presence_sweep_seconds

    async def run_forever(self) -> None:
        while True:
            await asyncio.sleep(self.interval)
            await self.sweep()

    async def sweep(self) -> int:
        cutoff = time.time() - self.ttl
        online_ids = await self.redis.zrange(ONLINE_ZSET, 0, -1)
        active_ids = await self.redis.zrangebyscore(ONLINE_ZSET, cutoff, "+inf")
        stale = [member for member in online_ids if member not in active_ids]
        for member in stale:
            await self.presence.mark_offline(int(member))
        if stale:
            log.info("presence sweep marked %d users offline", len(stale))
        return len(stale)
