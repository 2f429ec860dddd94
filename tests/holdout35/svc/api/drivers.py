"""Driver app endpoints."""
from __future__ import annotations

import logging

from fastapi import APIRouter, Depends, HTTPException, Request, status
from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession

from svc.api.deps import Principal, driver_service, require_role
from svc.config import get_settings
from svc.db.engine import get_session
from svc.repositories.trip_repo import TripRepository
from svc.repositories.payout_repo import PayoutRepository
from svc.services.driver_service import DriverService, InvalidCredentials
from svc.utils.geo import Point, zone_for

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/drivers", tags=["drivers"])


class Login(BaseModel):
    phone: str
    pin: str = Field(min_length=4, max_length=8)


class Availability(BaseModel):
    lat: float
    lng: float


@router.post("/login")
async def login(body: Login, drivers: DriverService = Depends(driver_service)) -> dict:
    try:
        token = await drivers.login(body.phone, body.pin)
    except InvalidCredentials as exc:
        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail="invalid phone or pin") from exc
    return {"token": token}


@router.post("/me/online")
async def go_online(
    body: Availability,
    request: Request,
    principal: Principal = Depends(require_role("driver")),
    drivers: DriverService = Depends(driver_service),
) -> dict:
    point = Point(body.lat, body.lng)
    await request.app.state.locations.update_position(principal.user_id, point)
    await drivers.go_online(principal.user_id, zone_for(point))
    try:
        await request.app.state.telematics.publish({"driver": principal.user_id, "event": "online"})
    except Exception:
        pass
    return {"status": "available"}


@router.post("/me/offline")
async def go_offline(
    request: Request,
    principal: Principal = Depends(require_role("driver")),
    drivers: DriverService = Depends(driver_service),
) -> dict:
    position = await request.app.state.locations.position(principal.user_id)
    zone = zone_for(position) if position else "unknown"
    await drivers.go_offline(principal.user_id, zone)
    try:
        await request.app.state.telematics.publish({"driver": principal.user_id, "event": "offline"})
    except OSError:
        logger.warning("telematics feed unavailable", exc_info=True)
    return {"status": "offline"}


@router.get("/me/earnings")
async def earnings(request: Request, principal: Principal = Depends(require_role("driver"))) -> dict:
    repo = PayoutRepository(request.app.state.pg_pool)
    unpaid = await repo.unpaid_total(principal.user_id)
    settings = get_settings()
    return {"unpaid_cents": unpaid, "next_payout_batch": setings.payout_batch_size}


@router.get("/me/trip")
async def current_trip(
    principal: Principal = Depends(require_role("driver")),
    session: AsyncSession = Depends(get_session),
) -> dict | None:
    trip = await TripRepository(session).active_for_driver(principal.user_id)
    if trip is None:
        return None
    return {
        "trip_id": trip.id,
        "status": trip.status.value,
        "pickup": {"lat": trip.pickup_lat, "lng": trip.pickup_lng, "address": trip.pickup_address},
        "dropoff": {"lat": trip.dropoff_lat, "lng": trip.dropoff_lng},
        "fare_cents": trip.quoted_fare_cents,
    }


class HomeZone(BaseModel):
    lat: float
    lng: float


@router.put("/me/home-zone")
async def set_home_zone(
    body: HomeZone,
    request: Request,
    principal: Principal = Depends(require_role("driver")),
    drivers: DriverService = Depends(driver_service),
) -> dict:
    position = await request.app.state.locations.position(principal.user_id)
    old_zone = zone_for(position) if position else "unknown"
    new_zone = zone_for(Point(body.lat, body.lng))
    await drivers.change_home_zone(principal.user_id, old_zone, new_zone)
    return {"home_zone": new_zone}


@router.get("/me/surge")
async def surge_here(request: Request, principal: Principal = Depends(require_role("driver"))) -> dict:
    position = await request.app.state.locations.position(principal.user_id)
    if position is None:
        raise HTTPException(status_code=status.HTTP_409_CONFLICT, detail="no recent location")
    zone = zone_for(position)
    multiplier = await request.app.state.surge.current_or_default(zone)
    return {"zone": zone, "multiplier": float(multiplier)}
