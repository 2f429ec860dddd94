from __future__ import annotations

import csv
import io
from datetime import date

from fastapi import APIRouter, Depends, Query
from fastapi.responses import PlainTextResponse
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from readroom.api.deps import db_session, require_role
from readroom.db.sync_engine import get_sync_session
from readroom.models import WorklistEntry
from readroom.repositories.worklist import WorklistRepository
from readroom.services.worklist_service import WorklistService, match_mwl_query
from readroom.utils.timeutil import day_bounds

router = APIRouter(prefix="/worklist", tags=["worklist"])


@router.get("/stations/summary")
async def stations_summary(
    day: date = Query(default_factory=date.today),
    session: AsyncSession = Depends(db_session),
    _user=Depends(require_role("admin", "technologist")),
) -> dict:
    start, end = day_bounds(day)
    rows = await WorklistRepository(session).stations_for_day(start, end)
    return {"day": day.isoformat(), "stations": [{"aet": aet, "scheduled": n} for aet, n in rows]}


@router.get("/{station_aet}")
async def station_worklist(
    station_aet: str,
    day: date = Query(default_factory=date.today),
    session: AsyncSession = Depends(db_session),
) -> dict:
    items = await WorklistService(session).station_worklist(station_aet, day)
    return {"station": station_aet, "day": day.isoformat(), "items": items}


@router.post("/{station_aet}/query")
async def mwl_query(
    station_aet: str,
    query: dict,
    day: date = Query(default_factory=date.today),
    session: AsyncSession = Depends(db_session),
) -> dict:
    """Bridge for the DICOM MWL SCP: it forwards the scanner's C-FIND keys here."""
    items = await WorklistService(session).station_worklist(station_aet, day)
    matches = match_mwl_query(items, query)
    return {"station": station_aet, "matches": matches, "count": len(matches)}


@router.get("/{station_aet}/export.csv", response_class=PlainTextResponse)
def export_worklist(
    station_aet: str,
    day: date = Query(default_factory=date.today),
    session: Session = Depends(get_sync_session),
    _user=Depends(require_role("admin", "technologist")),
) -> str:
    start, end = day_bounds(day)
    rows = session.execute(
        select(WorklistEntry)
        .where(WorklistEntry.station_aet == station_aet)
        .where(WorklistEntry.scheduled_start >= start, WorklistEntry.scheduled_start < end)
        .order_by(WorklistEntry.scheduled_start)
    ).scalars()
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["accession", "patient", "mrn", "modality", "start", "status"])
    for e in rows:
        writer.writerow([e.accession_number, e.patient_name, e.patient_mrn, e.modality, e.scheduled_start.isoformat(), e.status])
    return buf.getvalue()


@router.post("/rebuild")
async def rebuild(
    day: date = Query(default_factory=date.today),
    modality: str | None = None,
    session: AsyncSession = Depends(db_session),
    _user=Depends(require_role("admin")),
) -> dict:
    items = await WorklistService(session).rebuild_from_orders(day, modality)
    return {"day": day.isoformat(), "count": len(items), "items": items}
