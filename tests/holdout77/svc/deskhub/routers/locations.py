from __future__ import annotations

import asyncio
from datetime import date, datetime, timedelta, timezone

from fastapi import APIRouter, Depends, Query, Request, Response
from sqlalchemy.ext.asyncio import AsyncSession

from ..deps import get_availability, get_occupancy, get_session, require_staff
from ..errors import NotFound, ValidationFailed
from ..models import Member
from ..repositories.locations import LocationRepository
from ..schemas import LocationDetail, LocationOut, PromoIn
from ..services.availability import AvailabilityService
from ..services.occupancy_service import OccupancyService
from ..services.pricing import active_promos, set_promo

router = APIRouter(prefix="/locations", tags=["locations"])

MAX_INGEST_LINES = 5_000


@router.get("", response_model=list[LocationOut])
async def list_locations(session: AsyncSession = Depends(get_session)) -> list[LocationOut]:
    locations = await LocationRepository(session).list_active()
    return [LocationOut.model_validate(location) for location in locations]


@router.get("/lookup", response_model=list[str])
async def lookup_slugs(prefix: str = Query(min_length=2, max_length=40),
                       session: AsyncSession = Depends(get_session)) -> list[str]:
    return await LocationRepository(session).slugs_starting_with(prefix)


@router.get("/promos")
async def list_promos(_staff: Member = Depends(require_staff)) -> dict[str, str]:
    return {code: str(percent) for code, percent in active_promos().items()}


@router.put("/promos/{code}", status_code=204)
async def put_promo(code: str, body: PromoIn, _staff: Member = Depends(require_staff)) -> Response:
    set_promo(code, body.percent_off)
    return Response(status_code=204)


@router.get("/{location_id}", response_model=LocationDetail)
async def location_detail(location_id: int, session: AsyncSession = Depends(get_session)) -> LocationDetail:
    repo = LocationRepository(session)
    location = await repo.get(location_id)
    if location is None:
        raise NotFound("location not found")
    counts = await repo.kind_counts(location_id)
    return LocationDetail(id=location.id, slug=location.slug, name=location.name, timezone=location.timezone,
                          space_counts=counts)


@router.get("/{location_id}/availability")
async def availability(location_id: int, day: date = Query(default_factory=date.today),
                       svc: AvailabilityService = Depends(get_availability)) -> dict:
    return await svc.for_day(location_id, day)


@router.get("/{location_id}/floorplan.svg")
async def floorplan(location_id: int, svc: AvailabilityService = Depends(get_availability)) -> Response:
    svg = await svc.floorplan(location_id)
    return Response(svg, media_type="image/svg+xml", headers={"Cache-Control": "max-age=30"})


@router.post("/{location_id}/occupancy", status_code=202)
async def ingest_occupancy(location_id: int, request: Request,
                           svc: OccupancyService = Depends(get_occupancy)) -> dict[str, int]:
    """Sensor gateways POST newline-delimited JSON readings every few seconds."""
    lines = (await request.body()).decode().splitlines()
    if len(lines) > MAX_INGEST_LINES:
        raise ValidationFailed(f"at most {MAX_INGEST_LINES} readings per request")
    asyncio.create_task(svc.ingest(location_id, lines))
    return {"accepted": len(lines)}


@router.get("/{location_id}/occupancy/day")
async def occupancy_day(location_id: int, day: date, svc: OccupancyService = Depends(get_occupancy)) -> list[dict]:
    return await svc.day_profile(location_id, day)


@router.get("/{location_id}/occupancy/heatmap")
async def occupancy_heatmap(location_id: int, weeks: int = Query(default=4, ge=1, le=12),
                            _staff: Member = Depends(require_staff),
                            svc: OccupancyService = Depends(get_occupancy)) -> dict:
    end = datetime.now(timezone.utc)
    return await svc.heatmap(location_id, end - timedelta(weeks=weeks), end)
