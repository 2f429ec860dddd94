from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Query
from pydantic import BaseModel

from svc import errors
from svc.api.deps import RiderId, SessionDep, fare_service, ride_service, surge_service
from svc.cache.ratelimit import allow_quote
from svc.cache.redis import cache
from svc.clients.maps import maps
from svc.db.models import Ride
from svc.db.repositories import rides as rides_repo
from svc.services.geometry import cell_id
from svc.services.rides import RideRequestIn

router = APIRouter(prefix="/v1/rides", tags=["rides"])


class RideOut(BaseModel):
    id: int
    status: str
    city: str
    fare_cents: int | None
    surge_multiplier: float
    requested_at: datetime | None = None

    @classmethod
    def of(cls, ride: Ride) -> "RideOut":
        return cls(id=ride.id, status=ride.status.value, city=ride.city, fare_cents=ride.fare_cents, surge_multiplier=ride.surge_multiplier, requested_at=ride.requested_at)


class QuoteIn(BaseModel):
    city: str
    vehicle_class: str = "standard"
    pickup: tuple[float, float]
    dropoff: tuple[float, float]


@router.post("/quote")
async def quote(body: QuoteIn, rider_id: RiderId) -> dict[str, object]:
    if not await allow_quote(cache, rider_id):
        raise errors.RateLimitedError("slow down")
    q = await fare_service.quote(body.city, body.vehicle_class, body.pickup, body.dropoff)
    return {"fare_cents": q.fare_cents, "surge": q.surge, "duration_s": q.duration_s}


@router.get("/surge")
async def surge_preview(city: str, lat: float, lng: float) -> dict[str, float]:
    return {"multiplier": await surge_service.multiplier_for(city, cell_id(lat, lng))}


@router.get("/places/resolve")
async def resolve_place(q: str = Query(min_length=3, max_length=200)) -> dict[str, float]:
    lat, lng = await maps.geocode(q)
    return {"lat": lat, "lng": lng, "cell_lat": round(lat, 2), "cell_lng": round(lng, 2)}


@router.post("", status_code=201)
async def request_ride(body: RideRequestIn, rider_id: RiderId, session: SessionDep) -> RideOut:
    ride = await ride_service.request_ride(session, rider_id, body)
    return RideOut.of(ride)


@router.get("/history")
async def history(rider_id: RiderId, session: SessionDep, before_id: int | None = None, limit: int = Query(20, le=100)) -> list[RideOut]:
    rides = await rides_repo.history_for_rider(session, rider_id, before_id, limit)
    return [RideOut.of(r) for r in rides]


@router.get("/{ride_id}")
async def get_ride(ride_id: int, rider_id: RiderId, session: SessionDep) -> RideOut:
    ride = await rides_repo.get(session, ride_id)
    if ride.rider_id != rider_id:
        raise errors.RideNotFound(ride_id)
    return RideOut.of(ride)


@router.post("/{ride_id}/cancel")
async def cancel_ride(ride_id: int, rider_id: RiderId, session: SessionDep) -> RideOut:
    return RideOut.of(await ride_service.cancel(session, rider_id, ride_id))
