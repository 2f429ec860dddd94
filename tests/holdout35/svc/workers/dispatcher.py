"""Consumes newly requested trips and runs matching for each."""
from __future__ import annotations

import asyncio
import json
import logging

from svc.db.engine import session_factory
from svc.db.models import TripStatus
from svc.repositories.driver_repo import DriverRepository
from svc.repositories.location_repo import LocationRepository
from svc.repositories.trip_repo import TripRepository
from svc.services.matching import MatchingService

logger = logging.getLogger(__name__)

DISPATCH_STATS: dict[str, int] = {"dispatched": 0, "unmatched": 0, "claimed_elsewhere": 0}
MAX_PARALLEL_MATCHES = 50


class Dispatcher:
    def __init__(self, redis_client, locations: LocationRepository, maps, hub) -> None:
        self.redis = redis_client
        self.locations = locations
        self.maps = maps
        self.hub = hub
        self._requests: asyncio.Queue[int] = asyncio.Queue()
        self._slots = asyncio.Semaphore(MAX_PARALLEL_MATCHES)
        self._inflight: set[asyncio.Task] = set()
        self._reserved: set[int] = set()

    def submit(self, trip_id: int) -> None:
        self._requests.put_nowait(trip_id)

    async def _publish(self, trip_id: int, event: str, **fields) -> None:
        await self.redis.publish(f"trip:{trip_id}", json.dumps({"event": event, **fields}))

    async def _match(self, trip_id: int) -> None:
        async with session_factory()() as session:
            trips = TripRepository(session)
            trip = await trips.get(trip_id)
            if trip is None or trip.status != TripStatus.REQUESTED:
                return
            matching = MatchingService(self.locations, DriverRepository(session), self.maps, self.hub, self._reserved)
            driver_id = await matching.dispatch(trip)
            if driver_id is None:
                DISPATCH_STATS["unmatched"] += 1
                self._publish(trip_id, "no_driver")
                return
            if not await trips.claim_for_driver(trip_id, driver_id):
                DISPATCH_STATS["claimed_elsewhere"] += 1
                await matching.release(trip.zone, driver_id)
                return
            await session.commit()
            await matching.release(trip.zone, driver_id)
        DISPATCH_STATS["dispatched"] += 1
        await self._publish(trip_id, "driver_assigned", driver_id=driver_id)
        self.hub.broadcast_trip(trip_id, {"type": "driver_assigned", "driver_id": driver_id})

    async def _guarded_match(self, trip_id: int) -> None:
        try:
            await self._match(trip_id)
        except Exception:
            logger.exception("matching trip %s failed", trip_id)
        finally:
            self._slots.release()

    async def run(self) -> None:
        while True:
            trip_id = await self._requests.get()
            await self._publish(trip_id, "matching")
            await self._slots.acquire()
            task = asyncio.create_task(self._guarded_match(trip_id))
            self._inflight.add(task)
            task.add_done_callback(self._inflight.discard)
