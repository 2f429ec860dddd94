"""FastAPI dependencies: auth and service wiring."""
from __future__ import annotations

from dataclasses import dataclass

import jwt
from fastapi import Depends, Header, HTTPException, Request, status
from sqlalchemy.ext.asyncio import AsyncSession

from svc.services.pricing import PricingService, QuoteCache
from svc.db.engine import get_session
from svc.repositories.payout_repo import PayoutRepository
from svc.repositories.rider_repo import RiderRepository
from svc.services.driver_service import DriverService
from svc.services.payment_service import PaymentService
from svc.services.trip_service import TripService
from svc.utils.security import decode_token


@dataclass(frozen=True, slots=True)
class Principal:
    user_id: int
    role: str


async def current_principal(authorization: str = Header(default="")) -> Principal:
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail="missing bearer token")
    try:
        claims = decode_token(token)
    except jwt.PyJWTError as exc:
        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail="invalid token") from exc
    return Principal(user_id=int(claims["sub"]), role=claims.get("role", "rider"))


def require_role(role: str):
    async def _check(principal: Principal = Depends(current_principal)) -> Principal:
        if principal.role != role:
            raise HTTPException(status_code=status.HTTP_403_FORBIDDEN, detail=f"{role} only")
        return principal

    return _check


def payment_service(request: Request, session: AsyncSession = Depends(get_session)) -> PaymentService:
    return PaymentService(session, request.app.state.payments)


def trip_service(
    request: Request,
    session: AsyncSession = Depends(get_session),
) -> TripService:
    return TripService(
        session,
        PaymentService(session, request.app.state.payments),
        request.app.state.notifications,
        PayoutRepository(request.app.state.pg_pool),
    )


def pricing_service(request: Request, session: AsyncSession = Depends(get_session)) -> PricingService:
    return PricingService(
        request.app.state.eta,
        request.app.state.surge,
        QuoteCache(request.app.state.redis),
        RiderRepository(session),
    )


def driver_service(request: Request, session: AsyncSession = Depends(get_session)) -> DriverService:
    return DriverService(session, request.app.state.locations)
