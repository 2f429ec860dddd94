from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, EmailStr

from svc.api.deps import DriverId, SessionDep, matcher, ride_service
from svc.db.models import DriverStatus, RideStatus
from svc.db.repositories import drivers as drivers_repo
from svc.db.repositories import rides as rides_repo
from svc.errors import RideStateError
from svc.services import auth

router = APIRouter(prefix="/v1/drivers", tags=["drivers"])


class SignupIn(BaseModel):
    email: EmailStr
    password: str
    full_name: str
    city: str


class LoginIn(BaseModel):
    email: EmailStr
    password: str


class TripEndIn(BaseModel):
    distance_km: float
    duration_s: int


@router.post("/signup", status_code=201)
async def signup(body: SignupIn, session: SessionDep) -> dict[str, int]:
    driver = await auth.register_driver(session, body.email, body.password, body.full_name, body.city)
    return {"id": driver.id}


@router.post("/login")
async def login(body: LoginIn, session: SessionDep) -> dict[str, str]:
    return {"token": await auth.login_driver(session, body.email, body.password)}


@router.post("/me/online")
async def go_online(driver_id: DriverId, session: SessionDep) -> dict[str, str]:
    await drivers_repo.set_status(session, driver_id, DriverStatus.AVAILABLE)
    await session.commit()
    return {"status": "available"}


@router.post("/me/offline")
async def go_offline(driver_id: DriverId, session: SessionDep, ride_ids: list[int] | None = None) -> dict[str, str]:
    await matcher.driver_went_offline(session, driver_id, ride_ids or [])
    return {"status": "offline"}


@router.post("/offers/{ride_id}/accept")
async def accept_offer(ride_id: int, driver_id: DriverId, session: SessionDep) -> dict[str, object]:
    ride = await matcher.accept_offer(session, driver_id, ride_id)
    return {"ride_id": ride.id, "status": ride.status.value}


@router.post("/rides/{ride_id}/arriving")
async def arriving(ride_id: int, driver_id: DriverId, session: SessionDep, minutes: int = 3) -> dict[str, str]:
    ride = await rides_repo.get(session, ride_id)
    if ride.driver_id != driver_id:
        raise RideStateError("not your ride")
    await ride_service.driver_arriving(session, ride_id, minutes)
    return {"status": "arriving"}


@router.post("/rides/{ride_id}/start")
async def start_trip(ride_id: int, driver_id: DriverId, session: SessionDep) -> dict[str, str]:
    ride = await rides_repo.get_for_update(session, ride_id)
    if ride.driver_id != driver_id or ride.status is not RideStatus.ARRIVING:
        raise RideStateError("cannot start this ride")
    ride.status = RideStatus.IN_PROGRESS
    await session.commit()
    return {"status": ride.status.value}


@router.post("/rides/{ride_id}/complete")
async def complete_trip(ride_id: int, body: TripEndIn, driver_id: DriverId, session: SessionDep) -> dict[str, object]:
    ride = await ride_service.complete(session, ride_id, body.distance_km, body.duration_s)
    return {"fare_cents": ride.fare_cents}
