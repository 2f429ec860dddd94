"""FastAPI dependencies: services from app state, identity, limits, flags."""
from __future__ import annotations

import hashlib
import hmac
import time

import asyncpg
from fastapi import Depends, Header, HTTPException, Request, status
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from svc.cache import Flags, load_flags
from svc.config import settings
from svc.db.session import get_session
from svc.errors import RateLimited
from svc.services.checkout import CheckoutService
from svc.services.events import CancellationService, EventService
from svc.services.holds import HoldService
from svc.services.pricing import PriceCalculator
from svc.services.seatmap import SeatMapService
from svc.services.tickets import TicketService
from svc.services.waiting_room import WaitingRoom


class RedisRateLimiter:
    """Fixed-window limiter shared by all replicas."""

    def __init__(self, redis: Redis, prefix: str, limit: int, window_seconds: int) -> None:
        self._redis = redis
        self._prefix = prefix
        self._limit = limit
        self._window = window_seconds

    async def hit(self, key: str) -> None:
        bucket = int(time.time() // self._window)
        redis_key = f"{self._prefix}:{key}:{bucket}"
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.incr(redis_key)
            pipe.expire(redis_key, self._window * 2)
            count, _ = await pipe.execute()
        if count > self._limit:
            raise RateLimited("rate limit exceeded")


def pool(request: Request) -> asyncpg.Pool:
    return request.app.state.pool


def holds(request: Request) -> HoldService:
    return request.app.state.holds


def checkout(request: Request) -> CheckoutService:
    return request.app.state.checkout


def tickets(request: Request) -> TicketService:
    return request.app.state.tickets


def seatmap(request: Request) -> SeatMapService:
    return request.app.state.seatmap


def waiting_room(request: Request) -> WaitingRoom:
    return request.app.state.waiting_room


def cancellations(request: Request) -> CancellationService:
    return CancellationService(request.app.state.pool, request.app.state.email)


def price_calculator(request: Request) -> PriceCalculator:
    return PriceCalculator(request.app.state.pricing)


async def event_service(request: Request, session: AsyncSession = Depends(get_session)) -> EventService:
    return EventService(session, request.app.state.pricing)


async def current_flags() -> Flags:
    return load_flags()


def session_signature(session_id: str) -> str:
    return hmac.new(settings.token_secret.encode(), session_id.encode(), hashlib.sha256).hexdigest()


def verify_session_ticket(session_id: str, ticket: str) -> bool:
    return hmac.compare_digest(session_signature(session_id), ticket)


async def buyer_session(x_session_id: str = Header(...), x_session_sig: str = Header(...)) -> str:
    if not verify_session_ticket(x_session_id, x_session_sig):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid session")
    return x_session_id


def admin_guard(authorization: str = Header(...)) -> None:
    expected = f"Bearer {settings.token_secret}"
    if not hmac.compare_digest(authorization, expected):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "admin only")


async def api_rate_limit(request: Request) -> None:
    client = request.client.host if request.client else "unknown"
    try:
        await request.app.state.api_limiter.hit(client)
    except RateLimited as exc:
        raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, exc.message) from exc
