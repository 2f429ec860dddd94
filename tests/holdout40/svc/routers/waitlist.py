from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request
from pydantic import BaseModel
from redis.asyncio import Redis
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.engine import get_session
from ..db.models import WaitlistEntry
from ..redis_client import get_redis
from ..repositories import bookings as bookings_repo
from ..repositories import waitlist as waitlist_repo
from ..security import Principal, current_principal
from ..services.fare_rules import UPGRADE_ELIGIBLE
from ..services.upgrades import UpgradeService

router = APIRouter(prefix="/waitlist", tags=["waitlist"])


class JoinRequest(BaseModel):
    booking_id: int
    cabin: str = "J"


@router.post("", status_code=201)
async def join(
    body: JoinRequest,
    session: AsyncSession = Depends(get_session),
    redis: Redis = Depends(get_redis),
    principal: Principal = Depends(current_principal),
) -> dict:
    booking = await bookings_repo.get(session, body.booking_id)
    if booking is None:
        raise HTTPException(404, "booking not found")
    if booking.fare_class not in UPGRADE_ELIGIBLE:
        raise HTTPException(422, "fare class is not upgrade eligible")
    priority = await redis.incr(f"waitlist:seq:{booking.flight_id}:{body.cabin}")
    entry = WaitlistEntry(
        flight_id=booking.flight_id,
        booking_id=booking.id,
        passenger_id=booking.passenger_id,
        cabin=body.cabin,
        priority=int(priority),
    )
    try:
        await waitlist_repo.add(session, entry)
        await session.commit()
    except IntegrityError as exc:
        await session.rollback()
        raise HTTPException(409, "already waitlisted") from exc
    return {"entry_id": entry.id, "priority": entry.priority}


@router.get("/flights/{flight_id}")
async def preview(
    flight_id: int,
    request: Request,
    cabin: str = "J",
    session: AsyncSession = Depends(get_session),
) -> list[dict]:
    upgrades: UpgradeService = request.app.state.upgrades
    return await upgrades.rank_preview(session, flight_id, cabin.upper())
