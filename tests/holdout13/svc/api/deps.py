"""Request-scoped dependencies: services, authentication, reporting engine."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
from collections.abc import AsyncIterator
from dataclasses import dataclass

import asyncpg
import bcrypt
import jwt
import redis.asyncio as redis
from fastapi import Depends, Header, Request
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

from svc.caching import AmenityIndex, LocalClock
from svc.clients.external import FxClient
from svc.config import settings
from svc.db.session import get_pool, get_session
from svc.errors import AuthError
from svc.repos.catalog import RosterRepository
from svc.repos.housekeeping import HousekeepingRepository
from svc.repos.reservations import ReservationRepository
from svc.services.operations import HousekeepingService, PromoService, ReviewService
from svc.services.properties import PropertyService
from svc.services.reservations import ReservationService
from svc.services.search import CalendarService


@dataclass(frozen=True)
class StaffPrincipal:
    staff_id: int
    property_ids: frozenset[int]


def get_cache(request: Request) -> redis.Redis:
    return request.app.state.cache


def get_reservation_service(request: Request) -> ReservationService:
    return request.app.state.reservations


def get_calendar_service(request: Request, session: AsyncSession = Depends(get_session)) -> CalendarService:
    fx: FxClient = request.app.state.fx
    return CalendarService(session, fx)


def get_property_service(request: Request, session: AsyncSession = Depends(get_session)) -> PropertyService:
    amenities: AmenityIndex = request.app.state.amenities
    clock: LocalClock = request.app.state.clock
    return PropertyService(session, amenities, clock)


def get_housekeeping_service(
    pool: asyncpg.Pool = Depends(get_pool), session: AsyncSession = Depends(get_session)
) -> HousekeepingService:
    return HousekeepingService(HousekeepingRepository(pool), RosterRepository(session))


def get_review_service(request: Request, session: AsyncSession = Depends(get_session)) -> ReviewService:
    return ReviewService(session, request.app.state.amenities, request.app.state.cache)


def get_promo_service(cache: redis.Redis = Depends(get_cache)) -> PromoService:
    return PromoService(cache)


def get_reservation_repo(pool: asyncpg.Pool = Depends(get_pool)) -> ReservationRepository:
    return ReservationRepository(pool)


async def get_reporting_session() -> AsyncIterator[AsyncSession]:
    engine = create_async_engine(settings.reporting_database_url, pool_size=2, pool_timeout=10)
    async with AsyncSession(engine) as session:
        yield session


def _derive_token_digest(token: str, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", token.encode(), salt, 310_000)


async def guest_from_link(token: str, signature: str = Header(alias="X-Link-Signature")) -> str:
    """Magic-link tokens sent in booking emails; the signature is a derived digest of the token."""
    digest = _derive_token_digest(token, settings.jwt_secret.encode())
    if not hmac.compare_digest(digest.hex(), signature):
        raise AuthError("invalid link")
    return token


async def guest_from_link_offloaded(token: str, signature: str = Header(alias="X-Link-Signature")) -> str:
    digest = await asyncio.to_thread(_derive_token_digest, token, settings.jwt_secret.encode())
    if not hmac.compare_digest(digest.hex(), signature):
        raise AuthError("invalid link")
    return token


def staff_principal(authorization: str = Header()) -> StaffPrincipal:
    try:
        claims = jwt.decode(authorization.removeprefix("Bearer "), settings.jwt_secret, algorithms=["HS256"])
    except jwt.PyJWTError as exc:
        raise AuthError("invalid staff token") from exc
    return StaffPrincipal(int(claims["sub"]), frozenset(claims.get("properties", [])))


async def verify_staff_password(pool: asyncpg.Pool, email: str, password: str) -> int:
    async with pool.acquire(timeout=settings.db_acquire_timeout) as conn:
        row = await conn.fetchrow("SELECT id, password_hash FROM staff WHERE email = $1", email)
    if row is None or not bcrypt.checkpw(password.encode(), row["password_hash"].encode()):
        raise AuthError("bad credentials")
    return row["id"]


async def hash_staff_password(password: str) -> str:
    hashed = await asyncio.to_thread(bcrypt.hashpw, password.encode(), bcrypt.gensalt(rounds=12))
    return hashed.decode()
