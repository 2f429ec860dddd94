"""Moves impressions from the Redis stream into Postgres in batches."""
from __future__ import annotations

import asyncio
import logging
import time
import socket
import uuid
from datetime import datetime

import asyncpg

from redis.asyncio import Redis
from redis.exceptions import RedisError, ResponseError

from adbid.cache.redis_client import EVENT_STREAM
from adbid.config import Settings
from adbid.metrics import EVENTS_FLUSHED
from adbid.repositories.events import EventsRepository

log = logging.getLogger(__name__)

GROUP = "flusher"
RECLAIM_IDLE_MS = 60_000
RECLAIM_EVERY_S = 30.0


class EventFlusher:
    def __init__(self, settings: Settings, redis: Redis, events: EventsRepository) -> None:
        self._redis = redis
        self._events = events
        self._batch = settings.flush_batch_size
        self._consumer = f"{socket.gethostname()}-{uuid.uuid4().hex[:6]}"

    async def _ensure_group(self) -> None:
        try:
            await self._redis.xgroup_create(EVENT_STREAM, GROUP, id="0", mkstream=True)
        except ResponseError as exc:
            if "BUSYGROUP" not in str(exc):
                raise

    async def run_forever(self) -> None:
        await self._ensure_group()
        backoff = 0.5
        last_reclaim = 0.0
        while True:
            try:
                if time.monotonic() - last_reclaim > RECLAIM_EVERY_S:
                    await self._reclaim_stale()
                    last_reclaim = time.monotonic()
                flushed = await self.flush_once()
                backoff = 0.5
                if flushed == 0:
                    await asyncio.sleep(0.2)
            except (RedisError, OSError, asyncpg.PostgresError) as exc:
                log.warning("flush failed: %s; backing off %.1fs", exc, backoff)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 30.0)

    async def _reclaim_stale(self) -> None:
        """Take over entries a crashed consumer read but never acknowledged."""
        _, entries, _ = await self._redis.xautoclaim(
            EVENT_STREAM, GROUP, self._consumer, min_idle_time=RECLAIM_IDLE_MS, start_id="0-0", count=self._batch
        )
        if entries:
            await self._write(entries)
            log.info("reclaimed %d stale stream entries", len(entries))

    async def flush_once(self) -> int:
        response = await self._redis.xreadgroup(
            GROUP, self._consumer, {EVENT_STREAM: ">"}, count=self._batch, block=1000
        )
        if not response:
            return 0
        _, entries = response[0]
        return await self._write(entries)

    async def _write(self, entries: list) -> int:
        seen: list[str] = []
        records = []
        for _, fields in entries:
            if fields["impression_id"] in seen:
                continue
            seen.append(fields["impression_id"])
            records.append(self._to_record(fields))
        inserted = await self._events.copy_impressions(records)
        await self._redis.xack(EVENT_STREAM, GROUP, *[entry_id for entry_id, _ in entries])
        EVENTS_FLUSHED.inc(inserted)
        return len(entries)

    @staticmethod
    def _to_record(fields: dict) -> tuple:
        return (
            uuid.UUID(fields["impression_id"]),
            fields["request_id"],
            int(fields["campaign_id"]),
            int(fields["creative_id"]),
            fields["exchange"],
            int(fields["price_micros"]),
            datetime.fromisoformat(fields["occurred_at"]),
        )
