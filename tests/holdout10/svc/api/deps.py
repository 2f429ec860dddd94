"""Request-scoped dependencies and service factories."""
from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar, cast
from uuid import UUID

from fastapi import Depends, Header, HTTPException, status
from redis.asyncio import Redis
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import HTTPConnection

from svc.config import settings
from svc.db.models import Account
from svc.db.session import db, get_session
from svc.realtime.hub import ConnectionHub, DashboardFeed
from svc.repositories.envelopes import EnvelopeRepository
from svc.repositories.signers import SignerRepository
from svc.services.envelopes import EnvelopeService, QuotaService
from svc.services.invitations import InvitationService
from svc.services.signing import SigningService
from svc.services.templates import BrandingService, TemplateService
from svc.services.webhooks import WebhookService

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Principal:
    account_id: UUID
    display_name: str


async def current_account(authorization: str = Header(...), session: AsyncSession = Depends(get_session)) -> Principal:
    scheme, _, key = authorization.partition(" ")
    if scheme.lower() != "bearer" or not key:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "missing API key")
    key_hash = hashlib.sha256(key.encode()).hexdigest()
    row = (await session.execute(select(Account.id, Account.display_name).where(Account.api_key_hash == key_hash))).first()
    if row is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid API key")
    return Principal(account_id=row.id, display_name=row.display_name)


async def rate_limit(principal: Principal = Depends(current_account)) -> None:
    client = Redis.from_url(settings.realtime_redis_url, socket_timeout=1.0)
    key = f"rl:{principal.account_id}:{int(time.time() // 60)}"
    count = await client.incr(key)
    if count == 1:
        await client.expire(key, 120)
    if count > settings.api_rate_limit_per_minute:
        raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, "rate limit exceeded")


def require_support(x_support_token: str = Header(...)) -> None:
    if not settings.support_token or not hmac.compare_digest(x_support_token, settings.support_token):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "support access only")


def from_state(name: str, kind: type[T]) -> Callable[[HTTPConnection], T]:
    def dependency(conn: HTTPConnection) -> T:
        return cast(T, getattr(conn.app.state, name))

    return dependency


get_redis = from_state("redis", Redis)
get_hub = from_state("hub", ConnectionHub)
get_dashboard = from_state("dashboard", DashboardFeed)
get_signing_service = from_state("signing", SigningService)
get_invitation_service = from_state("invitations", InvitationService)
get_branding = from_state("branding", BrandingService)


def get_envelope_service(conn: HTTPConnection, session: AsyncSession = Depends(get_session)) -> EnvelopeService:
    return EnvelopeService(session, EnvelopeRepository(db), SignerRepository(db), conn.app.state.documents, QuotaService(conn.app.state.redis))


def get_template_service(conn: HTTPConnection, session: AsyncSession = Depends(get_session)) -> TemplateService:
    return TemplateService(session, conn.app.state.template_cache)


def get_webhook_service(conn: HTTPConnection, session: AsyncSession = Depends(get_session)) -> WebhookService:
    return WebhookService(session)
