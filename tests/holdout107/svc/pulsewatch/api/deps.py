from __future__ import annotations

from typing import AsyncIterator

import asyncpg
from fastapi import Depends, Header, Request
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from pulsewatch.db.redis import hit_counter
from pulsewatch.errors import Forbidden, TooManyRequests, Unauthorized
from pulsewatch.repositories.organisations import AuditRepository
from pulsewatch.repositories.check_results import CheckResultRepository
from pulsewatch.repositories.incidents import IncidentRepository
from pulsewatch.repositories.maintenance import MaintenanceRepository
from pulsewatch.repositories.monitors import MonitorRepository
from pulsewatch.repositories.subscribers import SubscriberRepository
from pulsewatch.services.audit import AuditService
from pulsewatch.services.auth import AuthService, Principal
from pulsewatch.services.incidents import IncidentService
from pulsewatch.services.live import LivePublisher
from pulsewatch.services.maintenance import MaintenanceService
from pulsewatch.services.monitors import MonitorService
from pulsewatch.services.status_pages import StatusPageService
from pulsewatch.services.subscribers import SubscriberService

PUBLIC_RATE_LIMIT_PER_MIN = 30


def get_pool(request: Request) -> asyncpg.Pool:
    return request.app.state.pool


def get_redis(request: Request) -> Redis:
    return request.app.state.redis


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    async with request.app.state.session_factory() as session:
        yield session


def get_auth_service(request: Request) -> AuthService:
    return request.app.state.auth_service


async def current_principal(
    request: Request,
    authorization: str = Header(default=""),
    auth: AuthService = Depends(get_auth_service),
) -> Principal:
    scheme, _, credential = authorization.partition(" ")
    if not credential:
        raise Unauthorized("missing credentials")
    if scheme.lower() == "bearer":
        return auth.verify_token(credential)
    if scheme.lower() == "apikey":
        principal = await auth.verify_api_key(credential)
        if principal is None or principal.kind != "api":
            raise Unauthorized("invalid api key")
        return principal
    raise Unauthorized("unsupported authorization scheme")


async def prober_principal(
    authorization: str = Header(default=""), auth: AuthService = Depends(get_auth_service)
) -> Principal:
    _, _, credential = authorization.partition(" ")
    principal = await auth.verify_api_key(credential) if credential else None
    if principal is None or principal.kind != "prober" or not principal.region:
        raise Unauthorized("invalid prober credentials")
    return principal


def require_admin(principal: Principal = Depends(current_principal)) -> Principal:
    if not principal.is_admin:
        raise Forbidden("admin role required")
    return principal


async def public_rate_limit(request: Request) -> None:
    client_ip = request.headers.get("x-forwarded-for", request.client.host if request.client else "-").split(",")[0]
    count = hit_counter(f"pw:rl:public:{client_ip}", 60)
    if count > PUBLIC_RATE_LIMIT_PER_MIN:
        raise TooManyRequests("slow down")


def get_audit_service(pool: asyncpg.Pool = Depends(get_pool)) -> AuditService:
    return AuditService(AuditRepository(pool))


def get_incident_service(
    request: Request, pool: asyncpg.Pool = Depends(get_pool), audit: AuditService = Depends(get_audit_service)
) -> IncidentService:
    return IncidentService(IncidentRepository(pool), request.app.state.redis, audit, LivePublisher(request.app.state.redis))


def get_monitor_service(
    request: Request, pool: asyncpg.Pool = Depends(get_pool), audit: AuditService = Depends(get_audit_service)
) -> MonitorService:
    return MonitorService(
        MonitorRepository(pool), CheckResultRepository(pool), request.app.state.metrics, audit, request.app.state.redis
    )


def get_status_page_service(
    request: Request,
    session: AsyncSession = Depends(get_session),
    pool: asyncpg.Pool = Depends(get_pool),
    incidents: IncidentService = Depends(get_incident_service),
) -> StatusPageService:
    return StatusPageService(session, MonitorRepository(pool), incidents, request.app.state.metrics, request.app.state.redis)


def get_subscriber_service(request: Request, pool: asyncpg.Pool = Depends(get_pool)) -> SubscriberService:
    return SubscriberService(request.app.state.settings, SubscriberRepository(pool), request.app.state.email)


def get_maintenance_service(
    request: Request, pool: asyncpg.Pool = Depends(get_pool), subscribers: SubscriberService = Depends(get_subscriber_service)
) -> MaintenanceService:
    return MaintenanceService(MaintenanceRepository(pool), subscribers, LivePublisher(request.app.state.redis))
