from __future__ import annotations

from collections.abc import AsyncIterator

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from ..config import Settings, get_settings
from ..db import SessionLocal, redis
from ..repositories.catalog import EventRepository
from ..services.checkout import CheckoutService
from ..services.payouts import PayoutService
from ..services.pricing import PricingService
from ..services.refunds import RefundService
from ..services.resale import ResaleService
from ..services.waitlist import WaitlistService


async def db_session() -> AsyncIterator[AsyncSession]:
    async with SessionLocal() as session:
        yield session


def pricing_service(request: Request, session: AsyncSession = Depends(db_session)) -> PricingService:
    return PricingService(EventRepository(session), request.app.state.fx, redis)


def checkout_service(
    request: Request,
    session: AsyncSession = Depends(db_session),
    pricing: PricingService = Depends(pricing_service),
) -> CheckoutService:
    state = request.app.state
    return CheckoutService(session, redis, state.payments, state.fraud, pricing, state.webhooks)


def waitlist_service(
    request: Request, session: AsyncSession = Depends(db_session), settings: Settings = Depends(get_settings)
) -> WaitlistService:
    return WaitlistService(session, redis, request.app.state.email, settings)


def resale_service(request: Request, session: AsyncSession = Depends(db_session)) -> ResaleService:
    return ResaleService(session, request.app.state.payments)


def refund_service(request: Request, session: AsyncSession = Depends(db_session)) -> RefundService:
    return RefundService(session, request.app.state.payments)


def payout_service(
    request: Request, session: AsyncSession = Depends(db_session), settings: Settings = Depends(get_settings)
) -> PayoutService:
    return PayoutService(session, request.app.state.payouts_api, settings)
