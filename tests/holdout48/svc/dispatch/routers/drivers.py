from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from dispatch.db.engine import get_session
from dispatch.deps import Principal, current_driver, current_rider
from dispatch.db.models import Vehicle
from dispatch.repositories.drivers import DriverRepository
from dispatch.repositories.trips import TripRepository
from dispatch.services.auth import AuthError
from dispatch.services.payouts import PayoutError

router = APIRouter(prefix="/drivers", tags=["drivers"])


class LoginBody(BaseModel):
    phone: str
    password: str


class ProfilePatch(BaseModel):
    name: str | None = Field(default=None, max_length=120)
    push_token: str | None = None


class PayoutBody(BaseModel):
    amount_cents: int = Field(gt=0)


@router.post("/login")
async def login(body: LoginBody, request: Request, session: AsyncSession = Depends(get_session)) -> dict:
    try:
        token = await request.app.state.auth.driver_login(session, body.phone, body.password)
    except AuthError as exc:
        raise HTTPException(401, "invalid credentials") from exc
    return {"access_token": token, "token_type": "bearer"}


@router.get("/me")
async def me(request: Request, driver: Principal = Depends(current_driver), session: AsyncSession = Depends(get_session)):
    profile = await request.app.state.profiles.get(session, driver.id)
    if profile is None:
        raise HTTPException(404, "driver not found")
    return profile


@router.patch("/me")
async def update_me(
    body: ProfilePatch, request: Request, driver: Principal = Depends(current_driver),
    session: AsyncSession = Depends(get_session),
):
    fields = body.model_dump(exclude_none=True)
    profile = await request.app.state.profiles.update(session, driver.id, **fields)
    if profile is None:
        raise HTTPException(404, "driver not found")
    return profile


@router.get("/{driver_id}/card")
async def driver_card(driver_id: int, _: Principal = Depends(current_rider), session: AsyncSession = Depends(get_session)):
    driver = await DriverRepository(session).get(driver_id)
    if driver is None:
        return {"error": "driver not found"}
    vehicle = driver.vehicle_id
    return {"name": driver.name.split(" ")[0], "rating": float(driver.rating), "vehicle_id": vehicle}


@router.post("/me/payouts", status_code=202)
async def instant_payout(
    body: PayoutBody, request: Request, driver: Principal = Depends(current_driver),
    session: AsyncSession = Depends(get_session),
) -> dict:
    try:
        payout_id = await request.app.state.payouts.request_instant(session, driver.id, body.amount_cents)
    except PayoutError as exc:
        raise HTTPException(409, str(exc)) from exc
    return {"payout_id": payout_id}


@router.get("/me/payouts")
async def my_pending_payouts(request: Request, driver: Principal = Depends(current_driver)) -> list[dict]:
    return await request.app.state.payouts.pending(driver.id)


@router.get("/me/earnings")
async def my_earnings(request: Request, since: str, driver: Principal = Depends(current_driver)) -> dict:
    from datetime import datetime

    start = datetime.fromisoformat(since)
    total = await request.app.state.report_repo.driver_earnings(driver.id, start)
    return {"driver_id": driver.id, "since": since, "fare_cents": total}


class VehicleIn(BaseModel):
    plate: str = Field(min_length=2, max_length=16)
    model: str = Field(max_length=64)
    seats: int = Field(ge=1, le=8)


@router.put("/me/vehicle")
async def register_vehicle(
    body: VehicleIn, driver: Principal = Depends(current_driver), session: AsyncSession = Depends(get_session)
) -> dict:
    plate = body.plate.upper().replace(" ", "")
    vehicle = await session.scalar(select(Vehicle).where(Vehicle.plate == plate))
    if vehicle is None:
        vehicle = Vehicle(plate=plate, model=body.model, seats=body.seats)
        session.add(vehicle)
        await session.flush()
    repo = DriverRepository(session)
    me = await repo.get(driver.id)
    if me is None:
        raise HTTPException(404, "driver not found")
    await repo.update_profile(me, vehicle_id=vehicle.id)
    return {"vehicle_id": vehicle.id, "plate": plate}


@router.get("/me/active-trip")
async def active_trip(driver: Principal = Depends(current_driver), session: AsyncSession = Depends(get_session)):
    trip = await TripRepository(session).active_for_driver(driver.id)
    if trip is None:
        raise HTTPException(404, "no active trip")
    return {
        "id": trip.id,
        "status": trip.status.value,
        "pickup": {"lat": trip.pickup_lat, "lng": trip.pickup_lng, "address": trip.pickup_address},
        "dropoff": {"lat": trip.dropoff_lat, "lng": trip.dropoff_lng},
    }
