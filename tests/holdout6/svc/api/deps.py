"""Shared FastAPI dependencies."""
from __future__ import annotations

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from svc.cache.redis_client import redis
from svc.cache.slot_cache import AvailabilityCache
from svc.config import Settings, get_settings
from svc.db.base import get_session
from svc.db.raw import get_pool
from svc.repositories.audit import AuditRepository
from svc.services.audit import AuditService
from svc.services.availability import AvailabilityService
from svc.services.booking import BookingService
from svc.services.eligibility import EligibilityService


def audit_service() -> AuditService:
    return AuditService(AuditRepository(get_pool()))


def availability_service(session: AsyncSession = Depends(get_session)) -> AvailabilityService:
    return AvailabilityService(session, AvailabilityCache(redis))


def booking_service(
    request: Request,
    session: AsyncSession = Depends(get_session),
    settings: Settings = Depends(get_settings),
    audit: AuditService = Depends(audit_service),
) -> BookingService:
    eligibility = EligibilityService(request.app.state.eligibility_client, get_pool())
    return BookingService(session, redis, settings, eligibility, audit, request.app.state.dispatcher)
