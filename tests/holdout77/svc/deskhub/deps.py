from __future__ import annotations

import time
from collections.abc import AsyncIterator
from dataclasses import dataclass

from fastapi import Depends, Request
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from .errors import Forbidden, TooManyRequests, Unauthorized
from .models import Member
from .repositories.members import MemberRepository
from .services.access_service import AccessService
from .services.availability import AvailabilityService
from .services.billing_service import BillingService
from .services.booking_service import BookingService
from .services.occupancy_service import OccupancyService
from .services.pricing import PricingService
from .services.subscriptions import SubscriptionService
from .services.visitor_service import VisitorService
from .utils.crypto import decode_token


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    async with request.app.state.sessionmaker() as session:
        yield session


def get_redis(request: Request) -> Redis:
    return request.app.state.redis


async def current_member(request: Request, session: AsyncSession = Depends(get_session)) -> Member:
    header = request.headers.get("Authorization", "")
    claims = decode_token(header.removeprefix("Bearer ").strip(), request.app.state.settings.jwt_secret)
    if claims is None or "sub" not in claims:
        raise Unauthorized("missing or expired token")
    member = await MemberRepository(session).get(int(claims["sub"]))
    if member is None or member.status != "active":
        raise Unauthorized("membership is not active")
    return member


async def require_staff(member: Member = Depends(current_member)) -> Member:
    if not member.is_staff:
        raise Forbidden("staff only")
    return member


@dataclass(frozen=True)
class StaffSession:
    member_id: int
    location_ids: frozenset[int]


async def authenticate_staff_token(redis: Redis, token: str | None) -> StaffSession | None:
    """Front-desk consoles authenticate with a short-lived token minted at staff login."""
    if not token:
        return None
    raw = await redis.hgetall(f"staff-token:{token}")
    if not raw:
        return None
    locations = frozenset(int(x) for x in raw.get("locations", "").split(",") if x)
    return StaffSession(member_id=int(raw["member_id"]), location_ids=locations)


async def booking_rate_limit(request: Request, member: Member = Depends(current_member)) -> None:
    """Shared across replicas: a per-member counter per minute in redis."""
    key = f"rl:bookings:{member.id}:{int(time.time() // 60)}"
    async with request.app.state.redis.pipeline(transaction=True) as pipe:
        pipe.incr(key)
        pipe.expire(key, 120)
        count, _ = await pipe.execute()
    if count > request.app.state.settings.bookings_per_minute:
        raise TooManyRequests("too many booking requests, try again in a minute")


def get_availability(request: Request) -> AvailabilityService:
    return request.app.state.availability


def get_access(request: Request) -> AccessService:
    return request.app.state.access


def get_visitors(request: Request) -> VisitorService:
    return request.app.state.visitors


def get_occupancy(request: Request) -> OccupancyService:
    return request.app.state.occupancy


def get_subscriptions(request: Request, session: AsyncSession = Depends(get_session)) -> SubscriptionService:
    return SubscriptionService(session, request.app.state.redis, request.app.state.member_locks)


def get_billing(request: Request, session: AsyncSession = Depends(get_session),
                subscriptions: SubscriptionService = Depends(get_subscriptions)) -> BillingService:
    state = request.app.state
    return BillingService(session, state.payments, state.payments_breaker, subscriptions, state.member_locks)


def get_booking_service(request: Request, session: AsyncSession = Depends(get_session),
                        subscriptions: SubscriptionService = Depends(get_subscriptions)) -> BookingService:
    state = request.app.state
    return BookingService(session, state.availability, PricingService(state.tax), subscriptions, state.notifier,
                          state.room_locks, state.tasks)
