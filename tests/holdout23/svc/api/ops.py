"""Health probes, manager reports and admin controls."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import StreamingResponse

from svc.deps import HostPrincipal, get_reporting, get_venue, require_host
from svc.errors import ForbiddenError
from svc.services.availability import close_day
from svc.services.reporting import ReportingService
from svc.services.reservations import VenueInfo

router = APIRouter()


@router.get("/health/live", tags=["ops"])
async def live() -> dict[str, str]:
    return {"status": "alive"}


@router.get("/health/ready", tags=["ops"])
async def ready() -> dict[str, str]:
    return {"status": "ready"}


@router.put("/admin/venues/{venue_id}/closures/{day}", status_code=204, tags=["admin"])
async def add_closure(day: date, venue: VenueInfo = Depends(get_venue), host: HostPrincipal = Depends(require_host)) -> None:
    if venue.id not in host.venue_ids:
        raise ForbiddenError("not a manager of this venue")
    close_day(venue.id, day)


@router.get("/venues/{venue_id}/reports/heatmap", tags=["reports"])
async def heatmap(
    weeks: int = Query(default=8, ge=1, le=52),
    venue: VenueInfo = Depends(get_venue),
    host: HostPrincipal = Depends(require_host),
    reporting: ReportingService = Depends(get_reporting),
) -> dict[str, Any]:
    if venue.id not in host.venue_ids:
        raise ForbiddenError("not a manager of this venue")
    return await reporting.heatmap(venue.id, weeks)


@router.get("/venues/{venue_id}/reports/day/{day}", tags=["reports"])
async def day_summary(
    day: date,
    venue: VenueInfo = Depends(get_venue),
    host: HostPrincipal = Depends(require_host),
    reporting: ReportingService = Depends(get_reporting),
) -> dict[str, Any]:
    if venue.id not in host.venue_ids:
        raise ForbiddenError("not a manager of this venue")
    start = datetime.combine(day, time.min, tzinfo=timezone.utc)
    return await reporting.daily_summary(venue.id, start, start + timedelta(days=1))


@router.get("/venues/{venue_id}/reports/export.csv", tags=["reports"])
async def export_csv(
    since: date,
    venue: VenueInfo = Depends(get_venue),
    host: HostPrincipal = Depends(require_host),
    reporting: ReportingService = Depends(get_reporting),
) -> StreamingResponse:
    if venue.id not in host.venue_ids:
        raise ForbiddenError("not a manager of this venue")
    start = datetime.combine(since, time.min, tzinfo=timezone.utc)
    return StreamingResponse(reporting.export_csv(venue.id, start), media_type="text/csv")
