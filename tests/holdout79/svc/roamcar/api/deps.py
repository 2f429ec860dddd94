"""FastAPI dependencies: sessions, the current user, and service construction."""
from __future__ import annotations

import uuid

import redis.asyncio as aioredis
from fastapi import Depends, Header, HTTPException, Request
from sqlalchemy.ext.asyncio import AsyncSession

from ..db import get_session
from ..models import Customer
from ..repositories import (
    BranchRepository,
    CustomerRepository,
    InspectionRepository,
    ReservationRepository,
    VehicleRepository,
)
from ..services.availability import AvailabilityService
from ..services.customers import CustomerService
from ..services.deposits import DepositService
from ..services.inspections import InspectionService
from ..services.positions import FleetSnapshotService
from ..services.quotes import QuoteService
from ..services.reservations import ReservationService
from ..services.surcharges import SurchargeCalculator
from ..services.unlock import UnlockService
from ..settings import Settings, get_settings
from ..utils.security import TokenError, constant_time_in, decode_token


def get_redis(request: Request) -> aioredis.Redis:
    return request.app.state.redis


async def current_customer(
    authorization: str = Header(...),
    session: AsyncSession = Depends(get_session),
    settings: Settings = Depends(get_settings),
) -> Customer:
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise HTTPException(status_code=401, detail="missing bearer token")
    try:
        claims = decode_token(token, settings.jwt_secret)
    except TokenError as exc:
        raise HTTPException(status_code=401, detail="invalid token") from exc
    customer = await CustomerRepository(session).get(uuid.UUID(claims["sub"]))
    if customer is None:
        raise HTTPException(status_code=401, detail="unknown customer")
    return customer


async def require_ops(x_ops_token: str = Header(...), settings: Settings = Depends(get_settings)) -> str:
    if not constant_time_in(x_ops_token, settings.ops_api_tokens):
        raise HTTPException(status_code=403, detail="ops token required")
    return x_ops_token


def availability_service(request: Request, session: AsyncSession = Depends(get_session)) -> AvailabilityService:
    return AvailabilityService(VehicleRepository(session), ReservationRepository(session), request.app.state.redis)


def quote_service(
    request: Request,
    session: AsyncSession = Depends(get_session),
    availability: AvailabilityService = Depends(availability_service),
) -> QuoteService:
    state = request.app.state
    return QuoteService(state.pricing, availability, BranchRepository(session), state.redis)


def reservation_service(
    request: Request,
    session: AsyncSession = Depends(get_session),
    availability: AvailabilityService = Depends(availability_service),
    quotes: QuoteService = Depends(quote_service),
    settings: Settings = Depends(get_settings),
) -> ReservationService:
    state = request.app.state
    return ReservationService(
        reservations=ReservationRepository(session),
        vehicles=VehicleRepository(session),
        branches=BranchRepository(session),
        availability=availability,
        quotes=quotes,
        deposits=DepositService(state.payments),
        surcharges=SurchargeCalculator(state.redis),
        notifier=state.notifier,
        trip_hub=state.trip_hub,
        redis=state.redis,
        settings=settings,
    )


def unlock_service(
    request: Request, session: AsyncSession = Depends(get_session), settings: Settings = Depends(get_settings)
) -> UnlockService:
    return UnlockService(
        request.app.state.telematics, ReservationRepository(session), VehicleRepository(session), settings
    )


def inspection_service(request: Request, session: AsyncSession = Depends(get_session)) -> InspectionService:
    state = request.app.state
    return InspectionService(
        InspectionRepository(session), ReservationRepository(session), state.photo_store, DepositService(state.payments)
    )


def customer_service(request: Request, session: AsyncSession = Depends(get_session)) -> CustomerService:
    return CustomerService(CustomerRepository(session), request.app.state.kyc)


def snapshot_service(request: Request, session: AsyncSession = Depends(get_session)) -> FleetSnapshotService:
    return FleetSnapshotService(VehicleRepository(session), request.app.state.telematics)
