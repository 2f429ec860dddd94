"""Trip matching: pick the best nearby free driver and send an offer."""
from __future__ import annotations

import logging
import time

from dispatch.clients.maps import MapsClient
from dispatch.config import Settings
from dispatch.db.engine import SessionFactory
from dispatch.db.models import Trip
from dispatch.repositories.trips import TripRepository
from dispatch.services.geo_index import Candidate, GeoIndex
from dispatch.services.locks import driver_locks, zone_locks
from dispatch.services.notifications import Notifier
from dispatch.services.presence import PresenceService
from dispatch.utils.metrics import MATCH_FAILURES, MATCH_LATENCY
from dispatch.ws.connections import ConnectionManager

logger = logging.getLogger(__name__)


class MatchingService:
    def __init__(
        self,
        settings: Settings,
        geo: GeoIndex,
        presence: PresenceService,
        maps: MapsClient,
        connections: ConnectionManager,
        notifier: Notifier,
    ) -> None:
        self._settings = settings
        self._geo = geo
        self._presence = presence
        self._maps = maps
        self._connections = connections
        self._notifier = notifier

    async def _candidates(self, trip: Trip) -> list[Candidate]:
        nearby = await self._geo.nearby(
            trip.city, trip.pickup_lat, trip.pickup_lng, self._settings.match_radius_km, limit=30
        )
        busy = set(await self._presence.busy_driver_ids(trip.city))
        free = [c for c in nearby if c.driver_id not in busy]
        for cand in free:
            route = await self._maps.route((cand.lat, cand.lng), (trip.pickup_lat, trip.pickup_lng))
            cand.eta_s = route.duration_s
        return sorted(free, key=lambda c: (c.eta_s or 10**9, c.distance_km))

    async def dispatch(self, trip_id: int) -> int | None:
        started = time.perf_counter()
        async with SessionFactory() as session:
            repo = TripRepository(session)
            trip = await repo.get(trip_id)
            if trip is None:
                logger.warning("dispatch for unknown trip %s", trip_id)
                return None
            candidates = await self._candidates(trip)
            if not candidates:
                MATCH_FAILURES.labels("no_candidates").inc()
                return None
            async with zone_locks(trip.zone_id):
                for cand in candidates[:5]:
                    async with driver_locks(cand.driver_id):
                        if not await self._presence.reserve_offer(cand.driver_id, trip.id):
                            continue
                        delivered = await self._connections.send_to_driver(
                            cand.driver_id,
                            {"type": "offer", "trip_id": trip.id, "eta_s": cand.eta_s, "pickup": trip.pickup_address},
                        )
                        if not delivered:
                            await self._presence.release_offer(cand.driver_id)
                            continue
                        MATCH_LATENCY.observe(time.perf_counter() - started)
                        return cand.driver_id
            MATCH_FAILURES.labels("no_accept").inc()
            return None

    async def auto_assign(self, trip_id: int, driver_id: int) -> bool:
        async with SessionFactory() as session:
            repo = TripRepository(session)
            if not await repo.claim(trip_id, driver_id):
                return False
            trip = await repo.get(trip_id)
        await self._presence.mark_busy(driver_id, trip.city)
        self._notifier.driver_assigned(trip, driver_id)
        return True
