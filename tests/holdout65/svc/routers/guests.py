from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Query
from sqlalchemy.ext.asyncio import AsyncSession

from svc.auth import StaffClaims, require_staff
from svc.container import guest_service
from svc.db import pg
from svc.db.engine import get_session
from svc.errors import NotFound
from svc.repositories.guests import GuestRepository, LoyaltyRepository
from svc.services.loyalty_service import LoyaltyService
from svc.services.guest_service import GuestService

router = APIRouter(prefix="/guests", tags=["guests"])


@router.get("/search")
async def search(
    q: str = Query(min_length=2, max_length=60),
    claims: StaffClaims = Depends(require_staff),
    session: AsyncSession = Depends(get_session),
) -> list[dict]:
    guests = await GuestRepository(session).search(q)
    return [{"id": g.id, "name": f"{g.first_name} {g.last_name}", "phone": g.phone[-4:]} for g in guests]


@router.get("/{guest_id}")
async def profile(
    guest_id: int,
    claims: StaffClaims = Depends(require_staff),
    service: GuestService = Depends(guest_service),
) -> dict:
    result = await service.profile(guest_id)
    if result is None:
        raise NotFound("guest not found")
    return {
        "id": result.id,
        "name": result.name,
        "tags": result.tags,
        "visits": result.visits,
        "no_shows": result.no_shows,
        "points": result.points,
        "tier": result.tier,
        "recent": result.recent,
    }


@router.post("/{guest_id}/tags/{tag}")
async def add_tag(
    guest_id: int,
    tag: str,
    claims: StaffClaims = Depends(require_staff),
    service: GuestService = Depends(guest_service),
    session: AsyncSession = Depends(get_session),
) -> list[str]:
    tags = await service.add_tag(guest_id, tag)
    await session.commit()
    return tags


@router.post("/{guest_id}/redeem")
async def redeem_points(
    guest_id: int,
    points: int = Query(gt=0, le=100_000),
    claims: StaffClaims = Depends(require_staff),
    session: AsyncSession = Depends(get_session),
) -> dict:
    try:
        remaining = await LoyaltyService(session, LoyaltyRepository(pg.pool())).redeem(guest_id, points)
    except ValueError as exc:
        raise HTTPException(409, str(exc)) from exc
    return {"guest_id": guest_id, "points": remaining}
