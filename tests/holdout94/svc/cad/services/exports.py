from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ..models import Assignment, Incident, Unit
from ..repositories import IncidentRepository, UnitRepository
from ..settings import Settings
from ..utils.nena import render_nena_xml
from ..utils.nfirs import to_nfirs_row, write_nfirs_file
from ..utils.timeutil import day_bounds

log = logging.getLogger(__name__)

STATE_CODE = "CA"


def _incident_doc(incident: Incident, units: list[Unit], arrived_at=None) -> dict[str, Any]:
    return {
        "number": incident.number,
        "nature_code": incident.nature_code,
        "nfirs_type": incident.nfirs_type,
        "address": incident.address,
        "lat": incident.lat,
        "lon": incident.lon,
        "created_at": incident.created_at,
        "arrived_at": arrived_at,
        "units": [u.callsign for u in units],
    }


def export_summary(path: Path, rows: list[list[str]]) -> dict[str, Any]:
    return {"file": path.name, "records": len(rows)}


class ExportService:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], settings: Settings) -> None:
        self._sessions = sessions
        self._settings = settings

    async def _day_incidents(self, session: AsyncSession, day: date) -> list[Incident]:
        start, end = day_bounds(day)
        repo = IncidentRepository(session)
        created = await repo.between(start, end)
        closed = list((await session.execute(
            select(Incident).where(Incident.closed_at >= start, Incident.closed_at < end)
        )).scalars())
        return created + closed

    async def nfirs_for_day(self, day: date) -> tuple[Path, list[list[str]]]:
        async with self._sessions() as session:
            incidents = await self._day_incidents(session, day)
            units = await UnitRepository(session).units_for_incidents([i.id for i in incidents])
        rows: list[list[str]] = []
        exported: list[int] = []
        for incident in incidents:
            if incident.id in exported:
                continue
            exported.append(incident.id)
            doc = _incident_doc(incident, units.get(incident.id, []))
            rows.append(to_nfirs_row(doc, STATE_CODE, self._settings.agency_ori[2:7]))
        path = write_nfirs_file(self._settings.export_dir, f"nfirs_{day:%Y%m%d}.txt", rows)
        log.info("NFIRS export for %s: %d incidents -> %s", day, len(rows), path)
        return path, rows

    async def nena_for_day(self, day: date) -> bytes:
        async with self._sessions() as session:
            incidents = await IncidentRepository(session).between(*day_bounds(day))
            units = await UnitRepository(session).units_for_incidents([i.id for i in incidents])
        docs = [_incident_doc(i, units.get(i.id, [])) for i in incidents]
        return await asyncio.to_thread(render_nena_xml, docs)


class ReportService:
    """Response-time statistics for the nightly operations report."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def response_times(self, day: date, window_days: int = 30) -> dict[str, Any]:
        start, _ = day_bounds(day - timedelta(days=window_days))
        _, end = day_bounds(day)
        async with self._sessions() as session:
            incidents = await IncidentRepository(session).between(start, end)
            assignments = list((await session.execute(
                select(Assignment).where(Assignment.assigned_at >= start, Assignment.assigned_at < end)
            )).scalars())
        records = []
        for incident in incidents:
            matched = [a for a in assignments if a.incident_id == incident.id]
            arrivals = [a.arrived_at for a in matched if a.arrived_at is not None]
            if arrivals:
                first = min(arrivals)
                records.append({"nature": incident.nature_code, "priority": incident.priority,
                                "seconds": (first - incident.created_at).total_seconds()})
        frame = pd.DataFrame.from_records(records)
        if frame.empty:
            return {"window_days": window_days, "groups": []}
        stats = frame.groupby(["nature", "priority"])["seconds"].describe(percentiles=[0.5, 0.9]).reset_index()
        return {"window_days": window_days, "groups": stats.to_dict(orient="records")}

    async def unit_utilisation(self, day: date) -> dict[str, int]:
        start, end = day_bounds(day)
        async with self._sessions() as session:
            rows = (await session.execute(
                select(Assignment.unit_id, Assignment.incident_id)
                .where(Assignment.assigned_at >= start, Assignment.assigned_at < end)
            )).all()
        per_unit: dict[int, set[int]] = defaultdict(set)
        for unit_id, incident_id in rows:
            per_unit[unit_id].add(incident_id)
        return {str(unit_id): len(ids) for unit_id, ids in per_unit.items()}
