from __future__ import annotations

import logging
from datetime import date, datetime, timezone

from sqlalchemy.ext.asyncio import AsyncSession

from fleetwise.clients.errors import UpstreamError
from fleetwise.clients.regulator_api import RegulatorClient
from fleetwise.db.models import Vessel
from fleetwise.domain.cii import attained_cii, co2_tonnes, rating, required_cii, weather_correction
from fleetwise.repositories.emissions import EmissionRepository
from fleetwise.repositories.noon_reports import NoonReportRepository
from fleetwise.repositories.positions import PositionRepository
from fleetwise.repositories.vessels import VesselRepository
from fleetwise.utils.geo import haversine_nm, track_distance_nm
from fleetwise.utils.timeutil import day_bounds

log = logging.getLogger(__name__)


class EmissionsService:
    def __init__(self, session: AsyncSession, positions: PositionRepository, regulator: RegulatorClient) -> None:
        self._session = session
        self._positions = positions
        self._regulator = regulator
        self._repo = EmissionRepository(session)
        self._noon = NoonReportRepository(session)
        self._vessels = VesselRepository(session)

    async def aggregate_day(self, vessel: Vessel, day: date) -> None:
        start, end = day_bounds(day)
        reports = await self._noon.for_vessel_between(vessel.id, start, end)
        co2 = sum(co2_tonnes(r.fuel_hfo_t, r.fuel_vlsfo_t, r.fuel_mgo_t) for r in reports)
        track = await self._positions.daily_track(vessel.id, day)
        distance = track_distance_nm([(r["lat"], r["lon"]) for r in track])
        await self._repo.upsert_daily(vessel.id, day, co2, distance)

    async def aggregate_fleet(self, day: date) -> int:
        vessels = await self._vessels.active()
        for vessel in vessels:
            await self.aggregate_day(vessel, day)
        await self._session.commit()
        return len(vessels)

    async def cii_year(self, vessel_id: int, year: int) -> dict:
        vessel = await self._vessels.get(vessel_id)
        if vessel is None:
            raise LookupError(vessel_id)
        records = await self._repo.year_for_vessel(vessel_id, year)
        co2 = sum(r.co2_t for r in records)
        since = datetime(year, 1, 1, tzinfo=timezone.utc)
        until = datetime(year + 1, 1, 1, tzinfo=timezone.utc)
        track = await self._positions.track(vessel_id, since, until)
        corrected_nm = 0.0
        for a, b in zip(track, track[1:]):
            leg = haversine_nm(a["lat"], a["lon"], b["lat"], b["lon"])
            corrected_nm += leg / weather_correction(b["lat"], b["lon"], b["ts"].timestamp())
        attained = attained_cii(co2, vessel.dwt, corrected_nm)
        required = required_cii(vessel.vessel_type, vessel.dwt, year)
        return {
            "vessel_id": vessel_id,
            "year": year,
            "attained": round(attained, 3),
            "required": round(required, 3),
            "rating": rating(attained, required) if required else None,
        }

    async def submit_day(self, day: date) -> int:
        vessels = {v.id: v for v in await self._vessels.active()}
        submitted = 0
        for rec in await self._repo.unsubmitted(day):
            vessel = vessels.get(rec.vessel_id)
            if vessel is None:
                continue
            payload = {"date": day.isoformat(), "co2_t": rec.co2_t, "distance_nm": rec.distance_nm}
            try:
                await self._regulator.submit_daily(vessel.imo, payload)
            except UpstreamError as exc:
                log.error("regulator rejected %s for %s: %s", day, vessel.imo, exc)
                continue
            await self._repo.mark_submitted(rec.id)
            submitted += 1
        await self._session.commit()
        return submitted
