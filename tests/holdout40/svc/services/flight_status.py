"""Public flight status: schedule, estimate, gate and boarding progress."""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import NoResultFound

from ..cache.stores import RedisJsonCache, cache_key
from ..db.engine import sessionmaker
from ..errors import NotFound
from ..repositories import flights as flights_repo
from ..utils.common import minutes_until, utcnow

if TYPE_CHECKING:
    from ..integrations.legacy_dcs import LegacyDcs

log = logging.getLogger(__name__)

BOARDING_OPENS_MIN = 40


class FlightStatusService:
    def __init__(self, cache: RedisJsonCache, dcs: "LegacyDcs") -> None:
        self._cache = cache
        self._dcs = dcs

    async def _load(self, flight_id: int) -> dict[str, Any]:
        async with sessionmaker()() as session:
            try:
                flight = await flights_repo.get(session, flight_id)
                if flight is None:
                    raise NoResultFound()
            except NoResultFound as exc:
                raise NotFound("flight not found", flight_id=flight_id) from exc
        departure = flight.est_dep or flight.sched_dep
        mins = minutes_until(departure, utcnow())
        phase = "SCHEDULED"
        if flight.status == "CANCELLED":
            phase = "CANCELLED"
        elif mins <= 0:
            phase = "DEPARTED"
        elif mins <= BOARDING_OPENS_MIN:
            phase = "BOARDING"
        return {
            "flight_id": flight.id,
            "flight_no": flight.flight_no,
            "departure": departure.isoformat(),
            "gate": flight.gate,
            "phase": phase,
        }

    async def status(self, flight_id: int, include_boarded: bool = False) -> dict[str, Any]:
        key = cache_key("flight-status", flight_id=flight_id, include_boarded=include_boarded)
        data = await self._cache.get_or_set(key, lambda: self._load(flight_id), ttl=15)
        if include_boarded and data["phase"] == "BOARDING":
            data["boarded"] = await self._dcs.board_count(data["flight_no"])
        return data
