"""FastAPI dependencies: services from app.state, auth, venue lookup."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jwt
from fastapi import Depends, Header, HTTPException, Request, status
from sqlalchemy.ext.asyncio import AsyncSession

from svc.cache import RedisRateLimiter, SlidingWindowLimiter
from svc.clients.payments import PaymentsClient
from svc.config import settings
from svc.db.models import Venue
from svc.db.pool import Database, get_session
from svc.realtime.hub import FloorHub, WaitlistFeed
from svc.services.availability import AvailabilityService
from svc.services.deposits import DepositService
from svc.services.floor import FloorService
from svc.services.guests import GuestService
from svc.services.reporting import ReportingService
from svc.services.reservations import ReservationService, VenueInfo
from svc.services.waitlist import WaitlistService


@dataclass(frozen=True, slots=True)
class HostPrincipal:
    user_id: int
    group_id: int
    venue_ids: frozenset[int]


def decode_host_token(token: str) -> HostPrincipal | None:
    try:
        claims = jwt.decode(token, settings.jwt_secret, algorithms=["HS256"], options={"require": ["exp", "sub"]})
    except jwt.PyJWTError:
        return None
    return HostPrincipal(int(claims["sub"]), int(claims["grp"]), frozenset(int(v) for v in claims.get("venues", [])))


def require_host(authorization: str = Header(...)) -> HostPrincipal:
    scheme, _, token = authorization.partition(" ")
    principal = decode_host_token(token) if scheme.lower() == "bearer" else None
    if principal is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid host token")
    return principal


def venue_branding(venue_id: int) -> dict[str, Any]:
    """Static branding shipped with the deployment; runs in FastAPI's threadpool."""
    path = Path(settings.floorplan_dir) / "branding" / f"{venue_id}.json"
    if not path.is_file():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


async def get_venue(venue_id: int, session: AsyncSession = Depends(get_session)) -> VenueInfo:
    venue = await session.get(Venue, venue_id)
    if venue is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "venue not found")
    return VenueInfo(
        id=venue.id,
        group_id=venue.group_id,
        name=venue.name,
        timezone=venue.timezone,
        service_hours=venue.service_hours,
        deposit_from_covers=venue.deposit_from_covers,
        deposit_cents_per_cover=venue.deposit_cents_per_cover,
        currency=venue.currency,
        webhook_urls=list(venue.webhook_urls or []),
    )


def get_db(request: Request) -> Database:
    return request.app.state.db


def get_reservation_service(request: Request) -> ReservationService:
    return request.app.state.reservations


def get_availability(request: Request) -> AvailabilityService:
    return request.app.state.availability


def get_widget_limiter(request: Request) -> SlidingWindowLimiter:
    return request.app.state.widget_limiter


def get_join_limiter(request: Request) -> RedisRateLimiter:
    return request.app.state.join_limiter


def get_waitlist_service(request: Request) -> WaitlistService:
    return request.app.state.waitlist


def get_floor_service(request: Request) -> FloorService:
    return request.app.state.floor


def get_guest_service(request: Request) -> GuestService:
    return request.app.state.guests


def get_deposit_service(request: Request) -> DepositService:
    return request.app.state.deposits


def get_payments_client(request: Request) -> PaymentsClient:
    return request.app.state.payments


def get_reporting(request: Request) -> ReportingService:
    return request.app.state.reporting


def get_hub(request: Request) -> FloorHub:
    return request.app.state.hub


def get_waitlist_feed(request: Request) -> WaitlistFeed:
    return request.app.state.waitlist_feed
