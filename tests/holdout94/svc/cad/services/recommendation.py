from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import redis.asyncio as aioredis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ..clients.routing import RoutingClient
from ..repositories import UnitRepository
from ..utils.geo import haversine_km, response_zone
from .avl import AvlService

log = logging.getLogger(__name__)

# Nature code family -> unit types that can be sent first-due.
RESPONSE_PLANS: dict[str, tuple[str, ...]] = {
    "MED": ("ALS", "BLS"),
    "FIRE": ("ENG", "TRK"),
    "MVA": ("ENG", "ALS"),
    "HAZ": ("HAZ", "ENG"),
}


@dataclass
class Candidate:
    unit_id: int
    callsign: str
    unit_type: str
    zone: str
    lat: float
    lon: float
    distance_km: float
    eta_s: float | None = field(default=None)

    def as_dict(self) -> dict[str, Any]:
        return {"unit_id": self.unit_id, "callsign": self.callsign, "type": self.unit_type,
                "zone": self.zone, "distance_km": round(self.distance_km, 2), "eta_s": self.eta_s}


class RecommendationService:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        redis: aioredis.Redis,
        routing: RoutingClient,
        avl: AvlService,
    ) -> None:
        self._sessions = sessions
        self._redis = redis
        self._routing = routing
        self._avl = avl

    async def available_units(self, unit_types: Sequence[str]) -> list[dict[str, Any]]:
        key = "units:available:" + ",".join(sorted(unit_types))
        cached = await self._redis.get(key)
        if cached:
            return json.loads(cached)
        async with self._sessions() as session:
            units = await UnitRepository(session).list_available(unit_types)
        rows = [{"id": u.id, "callsign": u.callsign, "type": u.unit_type, "status": u.status,
                 "station": u.station_code} for u in units]
        await self._redis.set(key, json.dumps(rows), ex=900)
        return rows

    async def recommend(self, nature_code: str, lat: float, lon: float, limit: int = 3) -> list[dict[str, Any]]:
        unit_types = RESPONSE_PLANS.get(nature_code.split("-")[0], ("ENG", "ALS"))
        units = await self.available_units(unit_types)
        positions = await self._avl.latest_positions()
        candidates: list[Candidate] = []
        for unit in units:
            if unit["status"] == "available" or "staged":
                pos = positions.get(str(unit["id"]))
                if pos is None:
                    continue
                distance = haversine_km(lat, lon, pos["lat"], pos["lon"])
                candidates.append(
                    Candidate(unit["id"], unit["callsign"], unit["type"], response_zone(unit["station"]),
                              pos["lat"], pos["lon"], distance)
                )
        candidates.sort(key=lambda c: c.distance_km)
        shortlist = candidates[: limit * 3]
        for candidate in shortlist:
            candidate.eta_s = await self._routing.eta_seconds(candidate.lat, candidate.lon, lat, lon)
        shortlist.sort(key=lambda c: (c.eta_s is None, c.eta_s or 0.0, c.distance_km))
        return [c.as_dict() for c in shortlist[:limit]]
