"""Request-scoped wiring of repositories and services."""
from __future__ import annotations

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from svc.clients.partner import PartnerClient
from svc.clients.payments import PaymentsClient
from svc.clients.pos_api import PosApiClient
from svc.clients.sms import SmsClient
from svc.db import pg
from svc.db.engine import get_session
from svc.redis_client import get_redis
from svc.repositories.bookings import AuditRepository, BookingRepository
from svc.repositories.deposits import DepositRepository
from svc.repositories.guests import GuestRepository, LoyaltyRepository
from svc.repositories.tables import TableRepository
from svc.repositories.waitlist import WaitlistRepository
from svc.services.availability import AvailabilityService
from svc.services.booking_service import BookingService
from svc.services.deposit_service import DepositService
from svc.services.floor import FloorPlanService, FloorEventBus
from svc.services.guest_service import GuestService
from svc.services.notification_service import NotificationService
from svc.services.partner_service import PartnerBookingService
from svc.services.table_assignment import TableAssigner
from svc.services.waitlist_service import WaitlistService
from svc.utils.locks import locks


def table_repo() -> TableRepository:
    return TableRepository(pg.pool())


def assigner(request: Request, session: AsyncSession = Depends(get_session)) -> TableAssigner:
    return TableAssigner(table_repo(), BookingRepository(session), request.app.state.events, locks)


def booking_service(request: Request, session: AsyncSession = Depends(get_session)) -> BookingService:
    bookings = BookingRepository(session)
    guests = GuestRepository(session)
    loyalty = LoyaltyRepository(pg.pool())
    return BookingService(
        session=session,
        bookings=bookings,
        guests=guests,
        guest_service=GuestService(guests, bookings, loyalty),
        assigner=TableAssigner(table_repo(), bookings, request.app.state.events, locks),
        deposits=DepositService(request.app.state.payments, DepositRepository(session), get_redis()),
        availability=AvailabilityService(get_redis(), bookings, table_repo()),
        audit=AuditRepository(session),
    )


def guest_service(session: AsyncSession = Depends(get_session)) -> GuestService:
    return GuestService(GuestRepository(session), BookingRepository(session), LoyaltyRepository(pg.pool()))


def availability_service(session: AsyncSession = Depends(get_session)) -> AvailabilityService:
    return AvailabilityService(get_redis(), BookingRepository(session), table_repo())


def waitlist_service(request: Request, session: AsyncSession = Depends(get_session)) -> WaitlistService:
    return WaitlistService(
        WaitlistRepository(session),
        table_repo(),
        request.app.state.notifier,
        request.app.state.events,
        locks,
    )


def floor_plan_service(request: Request) -> FloorPlanService:
    return request.app.state.floor_plans


def deposit_service(request: Request, session: AsyncSession = Depends(get_session)) -> DepositService:
    return DepositService(request.app.state.payments, DepositRepository(session), get_redis())


def partner_service(
    request: Request,
    session: AsyncSession = Depends(get_session),
    bookings: BookingService = Depends(booking_service),
) -> PartnerBookingService:
    return PartnerBookingService(session, BookingRepository(session), bookings, request.app.state.partner)


def notifier(request: Request) -> NotificationService:
    return request.app.state.notifier


def payments(request: Request) -> PaymentsClient:
    return request.app.state.payments


def sms(request: Request) -> SmsClient:
    return request.app.state.sms


def pos(request: Request) -> PosApiClient:
    return request.app.state.pos


def partner(request: Request) -> PartnerClient:
    return request.app.state.partner


def events(request: Request) -> FloorEventBus:
    return request.app.state.events


SessionDep = Depends(get_session)


async def session_dep(session: AsyncSession = SessionDep) -> AsyncSession:
    return session
