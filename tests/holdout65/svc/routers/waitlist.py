from __future__ import annotations

import logging

from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy.ext.asyncio import AsyncSession

from svc.auth import StaffClaims, require_staff
from svc.container import waitlist_service
from svc.db.engine import get_session
from svc.db.models import Restaurant
from svc.errors import Conflict, NotFound
from svc.schemas import SeatRequest, WaitlistCreate, WaitlistOut
from svc.services.waitlist_service import WaitlistService

log = logging.getLogger(__name__)
router = APIRouter(prefix="/waitlist", tags=["waitlist"])


@router.post("", response_model=WaitlistOut, status_code=201)
async def join_waitlist(
    body: WaitlistCreate,
    claims: StaffClaims = Depends(require_staff),
    service: WaitlistService = Depends(waitlist_service),
    session: AsyncSession = Depends(get_session),
):
    if body.restaurant_id not in claims.restaurant_ids:
        raise HTTPException(403, "not your restaurant")
    entry, position = await service.join(body.restaurant_id, body.guest_name, body.phone, body.party_size)
    await session.commit()
    return WaitlistOut(id=entry.id, position=position, quoted_minutes=entry.quoted_minutes, status=entry.status)


@router.get("/{restaurant_id}/positions")
async def positions(
    restaurant_id: int,
    claims: StaffClaims = Depends(require_staff),
    service: WaitlistService = Depends(waitlist_service),
) -> dict[int, int]:
    return await service.positions(restaurant_id)


@router.post("/{restaurant_id}/call-next")
async def call_next(
    restaurant_id: int,
    capacity: int,
    claims: StaffClaims = Depends(require_staff),
    service: WaitlistService = Depends(waitlist_service),
    session: AsyncSession = Depends(get_session),
) -> dict:
    restaurant = await session.get(Restaurant, restaurant_id)
    if restaurant is None:
        raise NotFound("restaurant not found")
    entry = await service.call_next(restaurant_id, capacity, restaurant.name)
    await session.commit()
    return {"called": entry.id if entry else None}


@router.post("/{restaurant_id}/{entry_id}/seat")
async def seat_from_waitlist(
    restaurant_id: int,
    entry_id: int,
    body: SeatRequest,
    claims: StaffClaims = Depends(require_staff),
    service: WaitlistService = Depends(waitlist_service),
    session: AsyncSession = Depends(get_session),
) -> dict:
    try:
        await service.seat_from_waitlist(restaurant_id, entry_id, body.table_id)
    except Conflict as exc:
        return {"ok": False, "error": exc.message}
    await session.commit()
    return {"ok": True}
