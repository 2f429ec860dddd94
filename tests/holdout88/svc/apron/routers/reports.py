"""Operational reports and load-sheet templates."""
from __future__ import annotations

import asyncio
import json
from datetime import date
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import PlainTextResponse
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from apron.deps import get_session
from apron.errors import NotFound
from apron.models import Flight
from apron.settings import Settings, get_settings
from apron.utils.timeutil import day_bounds

router = APIRouter(prefix="/reports", tags=["reports"])

MOVEMENT_STATUSES = ("ARRIVED", "DEPARTED", "CANCELLED")


@router.get("/templates/{name}", response_class=PlainTextResponse)
def load_sheet_template(name: str, settings: Settings = Depends(get_settings)) -> str:
    path = Path(settings.template_dir) / f"{Path(name).name}.txt"
    if not path.is_file():
        raise NotFound(f"template {name}")
    return path.read_text(encoding="utf-8")


@router.get("/stand-layout/{airport}")
async def stand_layout(airport: str, settings: Settings = Depends(get_settings)) -> Any:
    path = Path(settings.template_dir) / "layouts" / f"{Path(airport).name.upper()}.json"
    raw = await asyncio.to_thread(path.read_text, encoding="utf-8")
    return json.loads(raw)


@router.get("/daily/{airport}")
async def daily_movements(airport: str, day: date, session: AsyncSession = Depends(get_session)) -> dict[str, Any]:
    start, end = day_bounds(day)
    counts: dict[str, int] = {}
    for status in MOVEMENT_STATUSES:
        counts[status] = await session.scalar(
            select(func.count())
            .select_from(Flight)
            .where(Flight.airport == airport.upper(), Flight.std >= start, Flight.std < end, Flight.status == status)
        )
    return {"airport": airport.upper(), "day": day, "movements": counts}


@router.get("/scanners")
async def scanner_activity(request: Request) -> dict[str, int]:
    from apron.services.baggage import device_scan_counts

    return device_scan_counts()
