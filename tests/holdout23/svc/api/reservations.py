"""Booking widget and host reservation endpoints."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession

from svc.cache import SlidingWindowLimiter
from svc.db.pool import get_session
from svc.deps import (
    HostPrincipal,
    get_availability,
    get_reservation_service,
    get_venue,
    get_widget_limiter,
    require_host,
    venue_branding,
)
from svc.errors import ForbiddenError, NotFoundError
from svc.repositories.orm import TableRepository, VisitHistoryRepository
from svc.services.availability import AvailabilityService, TableInfo, is_closed
from svc.services.reservations import BookingRequest, ReservationService, VenueInfo

router = APIRouter(prefix="/venues/{venue_id}", tags=["reservations"])


class HoldRequest(BaseModel):
    table_id: int
    starts_at: datetime
    party_size: int = Field(ge=1, le=20)


@router.get("/availability")
async def availability(
    day: date,
    party_size: int = Query(ge=1, le=20),
    venue: VenueInfo = Depends(get_venue),
    slots_service: AvailabilityService = Depends(get_availability),
    session: AsyncSession = Depends(get_session),
    branding: dict[str, Any] = Depends(venue_branding),
) -> dict[str, Any]:
    if is_closed(venue.id, day):
        return {"slots": [], "closed": True, "branding": branding}

    async def load_tables(venue_id: int) -> list[TableInfo]:
        rows = await TableRepository(session).for_venue(venue_id)
        return [TableInfo(t.id, t.min_covers, t.max_covers, t.combinable) for t in rows]

    tables = await slots_service.tables_for(venue.id, load_tables)
    grid = slots_service.slot_grid(venue.service_hours, day, venue.timezone)
    free = await slots_service.free_tables(venue.id, tables, grid, party_size)
    return {"slots": [{"at": at, "tables": ids} for at, ids in sorted(free.items())], "closed": False, "branding": branding}


@router.post("/holds", status_code=201)
async def create_hold(
    body: HoldRequest,
    request: Request,
    venue: VenueInfo = Depends(get_venue),
    slots_service: AvailabilityService = Depends(get_availability),
    limiter: SlidingWindowLimiter = Depends(get_widget_limiter),
) -> dict[str, Any]:
    limiter.check(request.client.host if request.client else "unknown")
    hold = await slots_service.place_hold(venue.id, body.table_id, body.starts_at, body.party_size)
    return {"hold_id": hold.hold_id, "expires_at": hold.expires_at}


@router.post("/reservations", status_code=201)
async def book(
    body: BookingRequest,
    venue: VenueInfo = Depends(get_venue),
    service: ReservationService = Depends(get_reservation_service),
) -> dict[str, Any]:
    return await service.book(venue, body)


@router.get("/reservations/sheet")
async def host_sheet(
    day: date,
    venue: VenueInfo = Depends(get_venue),
    host: HostPrincipal = Depends(require_host),
    service: ReservationService = Depends(get_reservation_service),
) -> dict[str, Any]:
    if venue.id not in host.venue_ids:
        raise ForbiddenError("not a host of this venue")
    day_start = datetime.combine(day, time.min, tzinfo=timezone.utc)
    sheet = await service.host_sheet(venue.id, day_start, day_start + timedelta(days=1))
    return {"reservations": sheet, "covers": await service.covers_on(venue, day)}


@router.get("/reservations/by-code/{code}")
async def by_code(code: str, service: ReservationService = Depends(get_reservation_service)) -> dict[str, Any]:
    return await service.lookup(code)


@router.post("/reservations/by-code/{code}/resend")
async def resend(code: str, service: ReservationService = Depends(get_reservation_service)) -> dict[str, Any]:
    return await service.resend_details(code)


@router.post("/reservations/{reservation_id}/cancel")
async def cancel(
    reservation_id: int,
    venue: VenueInfo = Depends(get_venue),
    host: HostPrincipal = Depends(require_host),
    service: ReservationService = Depends(get_reservation_service),
) -> dict[str, Any]:
    if venue.id not in host.venue_ids:
        raise NotFoundError("reservation not found")
    return await service.cancel(reservation_id)


@router.post("/reservations/confirmations")
async def confirmations(
    reservation_ids: list[int],
    host: HostPrincipal = Depends(require_host),
    service: ReservationService = Depends(get_reservation_service),
) -> list[dict[str, Any]]:
    return await service.confirmations(reservation_ids[:200])


@router.get("/reservations/upcoming")
async def upcoming(
    hours: int = Query(default=3, ge=1, le=24),
    venue: VenueInfo = Depends(get_venue),
    host: HostPrincipal = Depends(require_host),
    session: AsyncSession = Depends(get_session),
) -> list[dict[str, Any]]:
    if venue.id not in host.venue_ids:
        raise ForbiddenError("not a host of this venue")
    now = datetime.now(timezone.utc)
    return list(await VisitHistoryRepository(session).upcoming_with_tables(venue.id, now, now + timedelta(hours=hours)))
