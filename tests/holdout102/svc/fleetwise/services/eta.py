from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta

import redis.asyncio as redis
from sqlalchemy.ext.asyncio import async_sessionmaker

from fleetwise.cache.keys import ETA_TTL, eta_key
from fleetwise.clients.errors import UpstreamError
from fleetwise.clients.routing_api import RoutingClient
from fleetwise.db.models import Voyage
from fleetwise.realtime.fleet_hub import FleetPublisher
from fleetwise.repositories.positions import PositionRepository
from fleetwise.repositories.voyages import VoyageRepository
from fleetwise.utils.geo import great_circle_hours, haversine_nm
from fleetwise.utils.timeutil import utcnow

log = logging.getLogger(__name__)

PORT_COORDS: dict[str, tuple[float, float]] = {
    "NLRTM": (51.95, 4.05),
    "SGSIN": (1.26, 103.84),
    "CNSHA": (31.23, 121.49),
    "USHOU": (29.73, -95.02),
    "BRSSZ": (-23.98, -46.30),
}


class EtaService:
    def __init__(self, sessions: async_sessionmaker, positions: PositionRepository,
                 routing: RoutingClient, client: redis.Redis, publisher: FleetPublisher) -> None:
        self._sessions = sessions
        self._positions = positions
        self._routing = routing
        self._redis = client
        self._publisher = publisher

    async def _estimate(self, voyage: Voyage, lat: float, lon: float, sog: float | None) -> datetime:
        dest = PORT_COORDS.get(voyage.destination_port)
        if dest is None:
            return voyage.eta or utcnow()
        speed = sog if sog and sog > 2 else voyage.planned_speed_kn
        try:
            return await self._routing.eta((lat, lon), dest, speed)
        except UpstreamError as exc:
            log.warning("routing unavailable, using great-circle ETA", extra={"voyage_id": voyage.id, "err": str(exc)})
            hours = great_circle_hours(haversine_nm(lat, lon, *dest), speed)
            return utcnow() + timedelta(hours=hours)

    async def _update(self, voyage: Voyage, lat: float, lon: float, sog: float | None) -> datetime:
        eta = await self._estimate(voyage, lat, lon, sog)
        await self._redis.set(eta_key(voyage.id), eta.isoformat())
        await self._publisher.publish_eta(voyage.id, eta.isoformat())
        return eta

    async def recompute_all(self) -> int:
        async with self._sessions() as session:
            voyages = await VoyageRepository(session).underway()
        last = {r["vessel_id"]: r for r in await self._positions.last_positions([v.vessel_id for v in voyages])}
        jobs = [
            self._update(v, last[v.vessel_id]["lat"], last[v.vessel_id]["lon"], last[v.vessel_id]["sog_kn"])
            for v in voyages
            if v.vessel_id in last
        ]
        results = await asyncio.gather(*jobs, return_exceptions=True)
        failed = [r for r in results if isinstance(r, Exception)]
        if failed:
            log.error("eta recompute: %d of %d failed", len(failed), len(results))
        return len(results) - len(failed)

    async def cached(self, voyage_id: int) -> str | None:
        return await self._redis.get(eta_key(voyage_id))

    async def remember_manual(self, voyage_id: int, eta: datetime) -> None:
        await self._redis.set(eta_key(voyage_id), eta.isoformat(), ex=ETA_TTL)
