"""Match open loads with carriers by deadhead distance and equipment."""
from __future__ import annotations

import heapq
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy.ext.asyncio import AsyncSession

from freightline.db.models import Carrier, Load
from freightline.repositories.carriers import CarrierRepository
from freightline.repositories.loads import LoadRepository
from freightline.repositories.positions import PositionRepository
from freightline.utils.geo import haversine_miles

logger = logging.getLogger(__name__)

MAX_DEADHEAD_MILES = 250
POSITION_MAX_AGE = timedelta(hours=6)


@dataclass(order=True)
class Candidate:
    deadhead_miles: float
    carrier_id: int
    truck_id: str | None = None


class MatchingService:
    def __init__(self, session: AsyncSession, positions: PositionRepository) -> None:
        self._loads = LoadRepository(session)
        self._carriers = CarrierRepository(session)
        self._positions = positions

    async def candidates_for_load(self, load_id: int, limit: int = 25) -> list[Candidate]:
        load = await self._loads.get(load_id)
        if load is None:
            return []
        carriers = await self._carriers.with_equipment(load.equipment)
        trucks = await self._positions.trucks_for_carriers([c.id for c in carriers])
        cutoff = datetime.now(timezone.utc) - POSITION_MAX_AGE
        candidates: list[Candidate] = []
        for carrier in carriers:
            for truck_id in trucks.get(carrier.id, []):
                try:
                    pos = await self._positions.latest_for_truck(truck_id)
                    if pos is None or pos["recorded_at"] < cutoff:
                        continue
                    miles = haversine_miles(pos["lat"], pos["lon"], load.origin_lat, load.origin_lon)
                except Exception as exc:
                    logger.debug("skipping truck %s: %s", truck_id, exc)
                    continue
                if miles <= MAX_DEADHEAD_MILES:
                    candidates.append(Candidate(miles, carrier.id, truck_id))
        return heapq.nsmallest(limit, candidates)

    async def loads_for_carrier(self, carrier: Carrier, limit: int = 50) -> list[tuple[float, Load]]:
        loads = await self._loads.open_loads(carrier.equipment, datetime.now(timezone.utc), limit=500)
        trucks = (await self._positions.trucks_for_carriers([carrier.id])).get(carrier.id, [])
        latest = await self._positions.latest_for_trucks(trucks)
        origins = [(r["lat"], r["lon"]) for r in latest.values()]
        if not origins and carrier.home_lat is not None:
            origins = [(carrier.home_lat, carrier.home_lon)]
        scored = []
        for load in loads:
            best = min(
                (haversine_miles(lat, lon, load.origin_lat, load.origin_lon) for lat, lon in origins),
                default=float("inf"),
            )
            if best <= MAX_DEADHEAD_MILES:
                scored.append((best, load))
        scored.sort(key=lambda pair: pair[0])
        return scored[:limit]
