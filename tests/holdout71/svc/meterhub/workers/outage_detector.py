"""Infers outages from meters that stop reporting.

A feeder is considered out when a large share of its meters has been silent
for longer than ``outage_silence_minutes``. Runs on a single replica at a time
(redis lease) because it keeps the previous pass in memory.
"""
from __future__ import annotations

import asyncio
import logging
import uuid
from collections import Counter
from datetime import timedelta

from ..config import get_settings
from ..db import SessionLocal, get_redis, readings_pool
from ..models import Commodity
from ..repositories.readings import ReadingsRepository
from ..services.outage_service import OutageService
from ..utils.locks import RedisLock
from ..utils.timeutil import utcnow

log = logging.getLogger(__name__)

SILENT_SHARE = 0.35
MIN_SILENT = 5
PASS_INTERVAL_S = 60
LEASE_MS = 90_000


class OutageDetector:
    def __init__(self, geocoder) -> None:
        self._readings = ReadingsRepository(readings_pool)
        self._geocoder = geocoder
        self._silence = timedelta(minutes=get_settings().outage_silence_minutes)
        self._previous_silent: list[int] = []
        self._lease = RedisLock(get_redis(), "lease:outage-detector", LEASE_MS, uuid.uuid4().hex)

    async def run(self) -> None:
        while True:
            if await self._lease.acquire():
                try:
                    await self.run_once()
                finally:
                    await self._lease.release()
            await asyncio.sleep(PASS_INTERVAL_S)

    async def run_once(self) -> None:
        silent = await self._readings.silent_since(utcnow() - self._silence)
        population = await self._readings.feeder_population()
        silent_by_feeder = Counter(r["feeder_id"] for r in silent)
        silent_ids = [r["meter_id"] for r in silent]

        restored = [m for m in self._previous_silent if m not in silent_ids]
        if restored:
            log.info("%d meters resumed reporting", len(restored))
        self._previous_silent = silent_ids

        suspect = {
            feeder: count
            for feeder, count in silent_by_feeder.items()
            if count >= MIN_SILENT and count / max(population.get(feeder, 1), 1) >= SILENT_SHARE
        }
        if not suspect:
            return
        async with SessionLocal() as session:
            service = OutageService(session, get_redis(), self._geocoder)
            for feeder, count in sorted(suspect.items()):
                await service.open_or_extend(feeder, Commodity.ELECTRICITY, count)
        log.warning("outage detector: %d feeders above silence threshold", len(suspect))
