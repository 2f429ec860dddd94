from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import HTTPConnection, Request

from glide.container import Container
from glide.errors import Forbidden, Unauthorized
from glide.services.fines import FineService
from glide.services.pricing import PricingService
from glide.services.rides import RideService
from glide.services.wallet import WalletService


def container(conn: HTTPConnection) -> Container:
    return conn.app.state.container


def bearer(conn: HTTPConnection) -> str:
    header = conn.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip()
    token = conn.query_params.get("token")
    if token:
        return token
    raise Unauthorized("missing bearer token")


async def claims(conn: HTTPConnection, role: str | None = None) -> dict[str, Any]:
    data = await container(conn).tokens.verify(bearer(conn))
    if role is not None and data.get("role") != role:
        raise Forbidden("wrong role")
    return data


async def rider_id(request: Request) -> uuid.UUID:
    data = await claims(request, "rider")
    return uuid.UUID(data["sub"])


async def json_body(request: Request) -> dict[str, Any]:
    try:
        body = await request.json()
    except ValueError as exc:
        raise Forbidden("invalid JSON body", code="bad_request") from exc
    if not isinstance(body, dict):
        raise Forbidden("expected a JSON object", code="bad_request")
    return body


def wallet_service(c: Container, session: AsyncSession) -> WalletService:
    return WalletService(session, c.gateway)


def fine_service(c: Container, session: AsyncSession) -> FineService:
    return FineService(session, c.settings, wallet_service(c, session), c.notifier, c.storage)


def ride_service(c: Container, session: AsyncSession) -> RideService:
    return RideService(
        session,
        c.settings,
        commands=c.commands,
        geofence=c.geofence,
        pricing=PricingService(session, c.settings),
        wallets=wallet_service(c, session),
        fines=fine_service(c, session),
        notifier=c.notifier,
        fraud=c.fraud,
        maps=c.maps,
        throttle=c.throttle,
    )
