"""Rider accounts and trip history."""
from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Depends, HTTPException, Request, status
from pydantic import BaseModel
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from svc.api.deps import Principal, require_role
from svc.db.engine import get_session
from svc.repositories.driver_repo import DriverRepository
from svc.repositories.rider_repo import RiderRepository
from svc.repositories.trip_repo import TripRepository
from svc.utils.security import issue_token

router = APIRouter(prefix="/riders", tags=["riders"])


class SignUp(BaseModel):
    phone: str
    name: str
    email: str | None = None


class ProfileUpdate(BaseModel):
    name: str | None = None
    email: str | None = None


@router.post("", status_code=status.HTTP_201_CREATED)
async def sign_up(body: SignUp, session: AsyncSession = Depends(get_session)) -> dict:
    repo = RiderRepository(session)
    try:
        rider = await repo.create(body.phone, body.name, body.email)
        await session.commit()
    except IntegrityError as exc:
        await session.rollback()
        raise HTTPException(status_code=status.HTTP_409_CONFLICT, detail="phone already registered") from exc
    return {"rider_id": rider.id, "token": issue_token(str(rider.id), "rider")}


@router.get("/me/trips")
async def my_trips(
    before: datetime | None = None,
    principal: Principal = Depends(require_role("rider")),
    session: AsyncSession = Depends(get_session),
) -> list[dict]:
    trips = await TripRepository(session).history_for_rider(principal.user_id, before)
    drivers = DriverRepository(session)
    out = []
    for trip in trips:
        driver = await drivers.get(trip.driver_id) if trip.driver_id else None
        out.append(
            {
                "trip_id": trip.id,
                "status": trip.status.value,
                "requested_at": trip.requested_at.isoformat(),
                "fare_cents": trip.final_fare_cents or trip.quoted_fare_cents,
                "driver": {"name": driver.name, "plate": driver.vehicle_plate} if driver else None,
            }
        )
    return out


@router.get("/me/wallet")
async def my_wallet(request: Request, principal: Principal = Depends(require_role("rider"))) -> dict:
    return {"balance_cents": await request.app.state.wallet.balance(principal.user_id)}


@router.post("/me/referral/{code}")
async def claim_referral(code: str, request: Request, principal: Principal = Depends(require_role("rider"))) -> dict:
    if not await request.app.state.redis.sismember("referral:codes", code):
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="unknown referral code")
    balance = await request.app.state.wallet.apply_referral_bonus(principal.user_id, 1_000, 5_000)
    return {"balance_cents": balance}


@router.patch("/me")
async def update_profile(
    body: ProfileUpdate,
    principal: Principal = Depends(require_role("rider")),
    session: AsyncSession = Depends(get_session),
) -> dict:
    rider = await RiderRepository(session).get(principal.user_id)
    if rider is None:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="rider not found")
    changes = body.model_dump(exclude_unset=True)
    for field, value in changes.items():
        setattr(rider, field, value)
    await session.commit()
    return {"rider_id": rider.id, "name": rider.name, "email": rider.email}
