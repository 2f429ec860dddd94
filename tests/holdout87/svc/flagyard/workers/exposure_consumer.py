"""Moves exposure and conversion events from the redis stream into Postgres."""
from __future__ import annotations

import asyncio
import os
import socket
import uuid
from typing import Any

import asyncpg
import redis.asyncio as redis
from redis.exceptions import ResponseError

from ..logging_setup import get_logger
from ..repositories.exposures import ExposureRepository
from ..settings import Settings
from ..utils.jsonutil import loads
from ..utils.timeutil import parse_ts

logger = get_logger(__name__)

READ_COUNT = 500


def _exposure_row(row: dict[str, Any]) -> tuple:
    return (
        uuid.UUID(row["experiment_id"]),
        row["variant"],
        row["user_key"],
        parse_ts(row["occurred_at"]),
        uuid.UUID(row["event_id"]),
    )


def _conversion_row(row: dict[str, Any]) -> tuple:
    return (
        uuid.UUID(row["experiment_id"]),
        row["user_key"],
        row["metric_key"],
        float(row["value"]),
        parse_ts(row["occurred_at"]),
        uuid.UUID(row["event_id"]),
    )


class ExposureConsumer:
    def __init__(self, client: redis.Redis, pool: asyncpg.Pool, settings: Settings) -> None:
        self._redis = client
        self._repo = ExposureRepository(pool)
        self._stream = settings.exposure_stream
        self._group = settings.exposure_group
        self._consumer = f"{socket.gethostname()}-{os.getpid()}"
        self._pending: asyncio.Queue[list[tuple[str, dict[str, str]]]] = asyncio.Queue(maxsize=8)

    async def ensure_group(self) -> None:
        try:
            await self._redis.xgroup_create(self._stream, self._group, id="0", mkstream=True)
        except ResponseError as exc:
            if "BUSYGROUP" not in str(exc):
                raise

    async def reclaim_stale(self, min_idle_ms: int = 60_000) -> None:
        """Take over entries a crashed consumer read but never acknowledged."""
        start = "0-0"
        while True:
            start, entries, *_ = await self._redis.xautoclaim(
                self._stream, self._group, self._consumer, min_idle_ms, start_id=start, count=READ_COUNT
            )
            if entries:
                await self._pending.put(entries)
            if start == "0-0":
                return

    async def read_loop(self, stop: asyncio.Event) -> None:
        await self.reclaim_stale()
        while not stop.is_set():
            batches = await self._redis.xreadgroup(
                self._group, self._consumer, {self._stream: ">"}, count=READ_COUNT, block=5000
            )
            for _, entries in batches or ():
                await self._pending.put(entries)

    async def write_loop(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            entries = await self._pending.get()
            exposures, conversions, ids = [], [], []
            for entry_id, fields in entries:
                row = loads(fields["row"])
                if row.get("kind") == "conversion":
                    conversions.append(_conversion_row(row))
                else:
                    exposures.append(_exposure_row(row))
                ids.append(entry_id)
            if exposures:
                await self._repo.insert_exposures(exposures)
            if conversions:
                await self._repo.insert_conversions(conversions)
            await self._redis.xack(self._stream, self._group, *ids)
            logger.debug("exposures_written", exposures=len(exposures), conversions=len(conversions))
