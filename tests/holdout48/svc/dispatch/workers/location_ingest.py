"""Buffers driver location pings and writes them to the geo index in batches."""
from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from redis.exceptions import RedisError

from dispatch.services.geo_index import GeoIndex

logger = logging.getLogger(__name__)

MAX_BATCH = 500


@dataclass(slots=True, frozen=True)
class LocationUpdate:
    driver_id: int
    city: str
    lat: float
    lng: float
    ts: float


class LocationIngest:
    def __init__(self, geo: GeoIndex) -> None:
        self._geo = geo
        self._queue: asyncio.Queue[LocationUpdate] = asyncio.Queue()
        self._breadcrumbs: asyncio.Queue[LocationUpdate] = asyncio.Queue(maxsize=50_000)
        self.dropped_breadcrumbs = 0

    async def submit(self, update: LocationUpdate) -> None:
        await self._queue.put(update)
        try:
            self._breadcrumbs.put_nowait(update)
        except asyncio.QueueFull:
            self.dropped_breadcrumbs += 1

    async def run(self) -> None:
        while True:
            first = await self._queue.get()
            latest: dict[int, LocationUpdate] = {first.driver_id: first}
            while len(latest) < MAX_BATCH and not self._queue.empty():
                upd = self._queue.get_nowait()
                latest[upd.driver_id] = upd
            try:
                await self._geo.update_many([(u.city, u.driver_id, u.lat, u.lng) for u in latest.values()])
            except RedisError:
                logger.exception("failed to write %d driver positions", len(latest))

    async def drain_breadcrumbs(self, sink) -> None:
        while True:
            batch = [await self._breadcrumbs.get()]
            while len(batch) < MAX_BATCH and not self._breadcrumbs.empty():
                batch.append(self._breadcrumbs.get_nowait())
            await sink(batch)
