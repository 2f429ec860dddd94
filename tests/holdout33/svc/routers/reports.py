"""Operational reports and operator endpoints."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query

from ..db import reporting
from ..deps import SessionDep, api_rate_limit, load_printer_map
from ..repositories import events_repo

router = APIRouter(prefix="/reports", tags=["reports"], dependencies=[Depends(api_rate_limit)])
admin_router = APIRouter(prefix="/admin", tags=["admin"], dependencies=[Depends(api_rate_limit)])


@router.get("/picker-productivity")
async def picker_productivity(wave_ids: list[int] = Query(..., max_length=50)) -> list[dict[str, Any]]:
    return await reporting.picker_productivity(wave_ids)


@router.get("/scan-sessions/{session_id}")
async def scan_session(session_id: str, session: SessionDep) -> list[dict[str, Any]]:
    events = await events_repo.events_for_session(session, session_id)
    return [{"barcode": e.barcode, "qty": e.qty, "at": e.scanned_at.isoformat()} for e in events]


@router.get("/stations/{station_id}/scans")
async def station_scans(station_id: str, session: SessionDep, limit: int = Query(200, ge=1, le=1000)) -> list[dict[str, Any]]:
    events = await events_repo.recent_for_station(session, station_id, limit)
    return [{"barcode": e.barcode, "session": e.session_id, "at": e.scanned_at.isoformat()} for e in events]


@admin_router.get("/printers")
def printer_map(printers: dict[str, str] = Depends(load_printer_map)) -> dict[str, str]:
    return printers

