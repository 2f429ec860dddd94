"""Driver GPS ingestion: jump filtering, GEO index, batched persistence."""
from __future__ import annotations

import asyncio
import copy
import logging
from datetime import datetime, timezone

from svc.cache.geo import DriverGeoIndex
from svc.db.locations import LocationPing, LocationStore
from svc.services.geometry import haversine_km

log = logging.getLogger(__name__)

MAX_JUMP_KM = 2.0
BATCH_SIZE = 500
FLUSH_INTERVAL = 1.0


class LocationTracker:
    def __init__(self, store: LocationStore, geo: DriverGeoIndex) -> None:
        self._store = store
        self._geo = geo
        self._inbox: asyncio.Queue[LocationPing] = asyncio.Queue()
        self._latest: dict[int, LocationPing] = {}
        self._writer: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._writer = asyncio.create_task(self._flush_forever(), name="location-writer")

    async def stop(self) -> None:
        if self._writer is not None:
            self._writer.cancel()
            await asyncio.gather(self._writer, return_exceptions=True)

    async def ingest(self, city: str, driver_id: int, lat: float, lng: float, heading: float | None) -> bool:
        ping = LocationPing(driver_id, lat, lng, heading, datetime.now(timezone.utc))
        previous = copy.deepcopy(self._latest).get(driver_id)
        if previous is not None:
            elapsed = (ping.recorded_at - previous.recorded_at).total_seconds()
            if elapsed < 10 and haversine_km(previous.lat, previous.lng, lat, lng) > MAX_JUMP_KM:
                log.debug("dropping GPS jump for driver %s", driver_id)
                return False
        self._latest[driver_id] = ping
        await self._geo.update(city, driver_id, lat, lng)
        await self._inbox.put(ping)
        return True

    def forget(self, driver_id: int) -> None:
        self._latest.pop(driver_id, None)

    async def _next_batch(self) -> list[LocationPing]:
        batch = [await self._inbox.get()]
        deadline = asyncio.get_running_loop().time() + FLUSH_INTERVAL
        while len(batch) < BATCH_SIZE:
            remaining = deadline - asyncio.get_running_loop().time()
            if remaining <= 0:
                break
            try:
                batch.append(await asyncio.wait_for(self._inbox.get(), timeout=remaining))
            except asyncio.TimeoutError:
                break
        return batch

    async def _flush_forever(self) -> None:
        while True:
            batch = await self._next_batch()
            try:
                await self._store.write_batch(batch)
            except Exception:
                log.exception("failed to persist %d location pings", len(batch))
                await asyncio.sleep(1.0)
