from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request
from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession

from dispatch.db.engine import get_session
from dispatch.deps import Principal, current_driver, current_rider, state
from dispatch.repositories.trips import TripRepository
from dispatch.services.drivers import RatingError, submit_rating
from dispatch.services.pricing import PricingError, PromotionError
from dispatch.services.trips import TripError

router = APIRouter(prefix="/trips", tags=["trips"])


class Point(BaseModel):
    lat: float = Field(ge=-90, le=90)
    lng: float = Field(ge=-180, le=180)


class TripRequest(BaseModel):
    city: str
    pickup: Point
    dropoff: Point
    address: str = Field(max_length=500)


class TripOut(BaseModel):
    id: int
    status: str
    fare_cents: int | None
    surge_multiplier: float
    driver_id: int | None = None


def _out(trip) -> TripOut:
    return TripOut(
        id=trip.id,
        status=trip.status.value,
        fare_cents=trip.fare_cents,
        surge_multiplier=float(trip.surge_multiplier),
        driver_id=trip.driver_id,
    )


@router.post("/quote")
async def quote(body: TripRequest, rider: Principal = Depends(current_rider), st=Depends(state)) -> dict:
    zone_id = st.geo.zone_for(body.city, body.pickup.lat, body.pickup.lng)
    try:
        q = await st.pricing.quote(
            rider.id, body.city, zone_id, (body.pickup.lat, body.pickup.lng), (body.dropoff.lat, body.dropoff.lng)
        )
    except PricingError as exc:
        raise HTTPException(422, str(exc)) from exc
    return {"fare_cents": q.fare_cents, "surge": q.surge, "duration_s": q.duration_s}


@router.post("", response_model=TripOut, status_code=201)
async def request_trip(
    body: TripRequest,
    request: Request,
    rider: Principal = Depends(current_rider),
    session: AsyncSession = Depends(get_session),
) -> TripOut:
    st = request.app.state
    if not st.trip_limiter.allow(f"rider:{rider.id}"):
        raise HTTPException(429, "too many trip requests")
    await st.ops_stats.incr("trip_requested", body.city)
    try:
        trip = await st.trips.request(
            session, rider.id, body.city, (body.pickup.lat, body.pickup.lng),
            (body.dropoff.lat, body.dropoff.lng), body.address,
        )
    except PricingError as exc:
        raise HTTPException(422, str(exc)) from exc
    return _out(trip)


@router.get("/mine", response_model=list[TripOut])
async def my_trips(rider: Principal = Depends(current_rider), session: AsyncSession = Depends(get_session)):
    trips = await TripRepository(session).for_rider(rider.id)
    return [_out(t) for t in trips]


@router.get("/{trip_id}", response_model=TripOut)
async def get_trip(trip_id: int, rider: Principal = Depends(current_rider), session: AsyncSession = Depends(get_session)):
    trip = await TripRepository(session).get(trip_id)
    if trip is None or trip.rider_id != rider.id:
        raise HTTPException(404, "trip not found")
    return _out(trip)


@router.post("/{trip_id}/cancel", response_model=TripOut)
async def cancel_trip(
    trip_id: int, request: Request, rider: Principal = Depends(current_rider),
    session: AsyncSession = Depends(get_session),
):
    try:
        trip = await request.app.state.trips.cancel(session, trip_id, by="rider")
    except TripError as exc:
        raise HTTPException(exc.status_code, str(exc)) from exc
    return _out(trip)


@router.post("/{trip_id}/start", response_model=TripOut)
async def start_trip(
    trip_id: int, request: Request, driver: Principal = Depends(current_driver),
    session: AsyncSession = Depends(get_session),
):
    try:
        trip = await request.app.state.trips.start(session, trip_id, driver.id)
    except TripError as exc:
        raise HTTPException(exc.status_code, str(exc)) from exc
    return _out(trip)


@router.post("/{trip_id}/complete", response_model=TripOut)
async def complete_trip(
    trip_id: int, request: Request, driver: Principal = Depends(current_driver),
    session: AsyncSession = Depends(get_session),
):
    try:
        trip = await request.app.state.trips.complete(session, trip_id, driver.id)
    except TripError as exc:
        raise HTTPException(exc.status_code, str(exc)) from exc
    return _out(trip)


class RatingBody(BaseModel):
    stars: int = Field(ge=1, le=5)
    comment: str | None = Field(default=None, max_length=1000)


@router.post("/{trip_id}/rating", status_code=204)
async def rate_trip(
    trip_id: int, body: RatingBody, rider: Principal = Depends(current_rider),
    session: AsyncSession = Depends(get_session),
) -> None:
    try:
        await submit_rating(session, trip_id, rider.id, body.stars, body.comment)
    except RatingError as exc:
        raise HTTPException(409, str(exc)) from exc


@router.get("/{trip_id}/receipt")
async def receipt(
    trip_id: int, request: Request, rider: Principal = Depends(current_rider),
    session: AsyncSession = Depends(get_session),
) -> dict:
    raw = await request.app.state.redis.lrange(f"breadcrumbs:{trip_id}", 0, 1999)
    points = [tuple(map(float, p.split(","))) for p in raw]
    try:
        return await request.app.state.trips.receipt(session, trip_id, rider.id, points)
    except TripError as exc:
        raise HTTPException(exc.status_code, str(exc)) from exc


class PromoBody(BaseModel):
    code: str = Field(min_length=3, max_length=32)


@router.post("/promotions/redeem")
async def redeem_promo(
    body: PromoBody, request: Request, rider: Principal = Depends(current_rider),
    session: AsyncSession = Depends(get_session),
) -> dict:
    try:
        pct = await request.app.state.promotions.redeem(session, body.code, rider.id)
    except PromotionError as exc:
        raise HTTPException(409, str(exc)) from exc
    return {"discount_pct": pct}
