from __future__ import annotations

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from .db import get_session, raw_pool, redis
from .repositories.events_repo import AuditRepository, VisitEventRepository
from .services.booking import AuditService, BookingService, SlotHoldService
from .services.calendar import CalendarService
from .services.eligibility import EligibilityService
from .services.notifications import Notifier
from .services.patients import PatientService
from .services.prescriptions import PrescriptionService
from .services.signalling import SignallingHub


def notifier(request: Request) -> Notifier:
    return request.app.state.notifier


def audit_service() -> AuditService:
    return AuditService(AuditRepository(raw_pool()))


def slot_holds() -> SlotHoldService:
    return SlotHoldService(redis)


def visit_events() -> VisitEventRepository:
    return VisitEventRepository(raw_pool())


def booking_service(
    session: AsyncSession = Depends(get_session),
    holds: SlotHoldService = Depends(slot_holds),
    notes: Notifier = Depends(notifier),
    audit: AuditService = Depends(audit_service),
) -> BookingService:
    return BookingService(session, holds, notes, audit)


def calendar_service(session: AsyncSession = Depends(get_session)) -> CalendarService:
    return CalendarService(session)


def patient_service(session: AsyncSession = Depends(get_session)) -> PatientService:
    return PatientService(session)


def eligibility_service(request: Request, session: AsyncSession = Depends(get_session)) -> EligibilityService:
    return EligibilityService(session, request.app.state.eligibility_client)


def prescription_service(
    request: Request,
    session: AsyncSession = Depends(get_session),
    audit: AuditService = Depends(audit_service),
) -> PrescriptionService:
    return PrescriptionService(session, request.app.state.pharmacy_client, audit)


def signalling_hub(request: Request) -> SignallingHub:
    return request.app.state.hub
