from __future__ import annotations

import asyncio
import csv
import re
import uuid
from datetime import date
from pathlib import Path

from fastapi import APIRouter, Depends, Query, Request, Response
from sqlalchemy.ext.asyncio import AsyncSession

from ..deps import get_session, require_staff
from ..errors import NotFound, ValidationFailed
from ..models import Member
from ..repositories.bookings import BookingRepository
from ..repositories.locations import LocationRepository
from ..utils.timeutil import day_bounds, month_bounds

router = APIRouter(prefix="/reports", tags=["reports"])

_EXPORT_ID = re.compile(r"^utilisation-\d+-\d{4}-\d{2}-[0-9a-f]{12}$")


def _write_csv(path: Path, rows: list[tuple[int, str, float]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["space_id", "space", "booked_hours"])
        writer.writerows(rows)


@router.post("/locations/{location_id}/utilisation", status_code=201)
async def export_utilisation(location_id: int, request: Request, month: str = Query(pattern=r"^\d{4}-\d{2}$"),
                             _staff: Member = Depends(require_staff),
                             session: AsyncSession = Depends(get_session)) -> dict[str, str]:
    location = await LocationRepository(session).get(location_id)
    if location is None:
        raise NotFound("location not found")
    try:
        first = date.fromisoformat(f"{month}-01")
    except ValueError as exc:
        raise ValidationFailed("month must be YYYY-MM") from exc
    start_day, next_month = month_bounds(first)
    start, _ = day_bounds(start_day, location.timezone)
    end, _ = day_bounds(next_month, location.timezone)
    rows = await BookingRepository(session).utilisation(location_id, start, end)
    export_id = f"utilisation-{location_id}-{month}-{uuid.uuid4().hex[:12]}"
    path = Path(request.app.state.settings.export_dir) / f"{export_id}.csv"
    await asyncio.to_thread(_write_csv, path, rows)
    return {"export_id": export_id}


@router.get("/exports/{export_id}")
def download_export(export_id: str, request: Request, _staff: Member = Depends(require_staff)) -> Response:
    if not _EXPORT_ID.match(export_id):
        raise NotFound("export not found")
    path = Path(request.app.state.settings.export_dir) / f"{export_id}.csv"
    if not path.is_file():
        raise NotFound("export not found")
    data = path.read_bytes()
    return Response(data, media_type="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{export_id}.csv"'})
