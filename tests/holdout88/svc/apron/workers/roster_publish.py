"""Publishes tomorrow's roster to the crew app once a day (one replica only)."""
from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from redis.asyncio import Redis

from apron.services.rostering import RosterService
from apron.utils.locks import RedisLock
from apron.utils.timeutil import utcnow

log = logging.getLogger(__name__)

PUBLISH_HOUR_UTC = 14


class RosterPublishWorker:
    def __init__(self, roster: RosterService, redis: Redis, airports: list[str]) -> None:
        self._roster = roster
        self._redis = redis
        self._airports = airports

    async def publish_tomorrow(self) -> None:
        day = (utcnow() + timedelta(days=1)).date()
        lock = RedisLock(self._redis, f"roster-publish:{day.isoformat()}", ttl_ms=60_000)
        if not await lock.acquire():
            log.info("roster publish for %s running elsewhere", day)
            return
        try:
            for airport in self._airports:
                done_key = f"roster:published:{airport}:{day.isoformat()}"
                if await self._redis.exists(done_key):
                    continue
                await self._roster.publish_day(airport, day)
                await self._redis.set(done_key, "1", ex=3 * 86400)
        finally:
            await lock.release()

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            if utcnow().hour >= PUBLISH_HOUR_UTC:
                await self.publish_tomorrow()
            try:
                await asyncio.wait_for(stop.wait(), timeout=600)
            except asyncio.TimeoutError:
                pass
