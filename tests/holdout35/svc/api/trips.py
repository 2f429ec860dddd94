"""Rider- and driver-facing trip endpoints."""
from __future__ import annotations

import logging

from fastapi import APIRouter, Depends, HTTPException, Request, status
from pydantic import BaseModel, Field
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from svc.api.deps import Principal, pricing_service, require_role, trip_service
from svc.clients.maps_client import reverse_geocode
from svc.config import get_settings
from svc.db.engine import get_session
from svc.db.models import TripStatus
from svc.repositories.driver_repo import DriverRepository
from svc.repositories.trip_repo import TripRepository
from svc.services.payment_service import PaymentFailed
from svc.services.pricing import PricingService
from svc.services.trip_service import TripConflict, TripNotFound, TripService
from svc.utils.geo import Point
from svc.utils.security import allow

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/trips", tags=["trips"])


class LatLng(BaseModel):
    lat: float = Field(ge=-90, le=90)
    lng: float = Field(ge=-180, le=180)


class QuoteRequest(BaseModel):
    pickup: LatLng
    dropoff: LatLng
    promo_code: str | None = None


class TripRequest(BaseModel):
    quote_id: str
    pickup: LatLng
    dropoff: LatLng


class CompleteRequest(BaseModel):
    distance_m: int = Field(ge=0)


class RatingRequest(BaseModel):
    stars: int = Field(ge=1, le=5)
    comment: str | None = Field(default=None, max_length=500)


@router.post("/quote")
async def quote(
    body: QuoteRequest,
    principal: Principal = Depends(require_role("rider")),
    pricing: PricingService = Depends(pricing_service),
) -> dict:
    q = await pricing.quote(
        principal.user_id, Point(body.pickup.lat, body.pickup.lng), Point(body.dropoff.lat, body.dropoff.lng), body.promo_code
    )
    return {
        "quote_id": q.quote_id,
        "fare_cents": q.fare_cents - q.discount_cents,
        "surge": q.surge_multiplier,
        "eta_minutes": q.minutes,
    }


@router.post("", status_code=status.HTTP_201_CREATED)
async def request_trip(
    body: TripRequest,
    request: Request,
    principal: Principal = Depends(require_role("rider")),
    pricing: PricingService = Depends(pricing_service),
    trips: TripService = Depends(trip_service),
) -> dict:
    if not await allow(principal.user_id, get_settings().ride_requests_per_minute):
        raise HTTPException(status_code=status.HTTP_429_TOO_MANY_REQUESTS, detail="slow down")
    q = await pricing.confirm(principal.user_id, body.quote_id)
    if q is None:
        raise HTTPException(status_code=status.HTTP_410_GONE, detail="quote expired")
    pickup = Point(body.pickup.lat, body.pickup.lng)
    address = await reverse_geocode(pickup)
    try:
        trip = await trips.request(principal.user_id, q, pickup, Point(body.dropoff.lat, body.dropoff.lng), address)
    except PaymentFailed as exc:
        raise HTTPException(status_code=status.HTTP_402_PAYMENT_REQUIRED, detail=str(exc)) from exc
    request.app.state.dispatcher.submit(trip.id)
    return {"trip_id": trip.id, "status": trip.status.value}


@router.post("/{trip_id}/accept")
async def accept_trip(
    trip_id: int,
    principal: Principal = Depends(require_role("driver")),
    trips: TripService = Depends(trip_service),
) -> dict:
    try:
        trip = await trips.accept(trip_id, principal.user_id)
    except TripNotFound as exc:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="trip not found") from exc
    except TripConflict as exc:
        raise HTTPException(status_code=status.HTTP_409_CONFLICT, detail=str(exc)) from exc
    return {"trip_id": trip.id, "status": "accepted"}


@router.post("/{trip_id}/start")
async def start_trip(
    trip_id: int,
    principal: Principal = Depends(require_role("driver")),
    trips: TripService = Depends(trip_service),
) -> dict:
    try:
        await trips.start(trip_id, principal.user_id)
    except TripNotFound as exc:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="trip not found") from exc
    except TripConflict as exc:
        raise HTTPException(status_code=status.HTTP_409_CONFLICT, detail=str(exc)) from exc
    return {"trip_id": trip_id, "status": "in_progress"}


@router.post("/{trip_id}/complete")
async def complete_trip(
    trip_id: int,
    body: CompleteRequest,
    principal: Principal = Depends(require_role("driver")),
    trips: TripService = Depends(trip_service),
) -> dict:
    try:
        trip = await trips.complete(trip_id, principal.user_id)
    except TripNotFound as exc:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="trip not found") from exc
    except TripConflict as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc))
    return {"trip_id": trip.id, "fare_cents": trip.final_fare_cents}


@router.post("/{trip_id}/cancel")
async def cancel_trip(
    trip_id: int,
    principal: Principal = Depends(require_role("rider")),
    trips: TripService = Depends(trip_service),
) -> dict:
    try:
        fee = await trips.cancel(trip_id, principal.user_id)
    except TripNotFound as exc:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="trip not found") from exc
    except TripConflict as exc:
        raise HTTPException(status_code=status.HTTP_409_CONFLICT, detail=str(exc)) from exc
    return {"trip_id": trip_id, "cancellation_fee_cents": fee}


@router.get("/{trip_id}/receipt")
async def receipt(trip_id: int, request: Request, principal: Principal = Depends(require_role("rider"))) -> dict:
    body = await request.app.state.receipts.load(trip_id)
    if body is None:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="no receipt yet")
    return {"trip_id": trip_id, "receipt": body}


@router.post("/{trip_id}/rating", status_code=status.HTTP_201_CREATED)
async def rate_trip(
    trip_id: int,
    body: RatingRequest,
    request: Request,
    principal: Principal = Depends(require_role("rider")),
    session: AsyncSession = Depends(get_session),
) -> dict:
    trip = await TripRepository(session).get(trip_id)
    if trip is None or trip.rider_id != principal.user_id or trip.driver_id is None:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="trip not found")
    if trip.status != TripStatus.COMPLETED:
        raise HTTPException(status_code=status.HTTP_409_CONFLICT, detail="only completed trips can be rated")
    try:
        await DriverRepository(session).add_rating(trip.id, trip.driver_id, body.stars)
        await session.commit()
    except IntegrityError as exc:
        await session.rollback()
        raise HTTPException(status_code=status.HTTP_409_CONFLICT, detail="trip already rated") from exc
    request.app.state.driver_cache.invalidate(trip.driver_id)
    return {"trip_id": trip.id, "stars": body.stars}


@router.get("/{trip_id}")
async def get_trip(
    trip_id: int,
    request: Request,
    principal: Principal = Depends(require_role("rider")),
    session: AsyncSession = Depends(get_session),
) -> dict:
    trip = await TripRepository(session).get(trip_id)
    if trip is None or trip.rider_id != principal.user_id:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="trip not found")
    driver = None
    if trip.driver_id is not None:
        profile = await request.app.state.driver_cache.get(trip.driver_id)
        if profile is not None:
            driver = {"name": profile.name, "plate": profile.vehicle_plate, "rating": round(profile.rating, 2)}
    return {
        "trip_id": trip.id,
        "status": trip.status.value,
        "fare_cents": trip.final_fare_cents or trip.quoted_fare_cents,
        "surge": float(trip.surge_multiplier),
        "driver": driver,
    }
