"""FastAPI dependencies: sessions, services from app.state, scanner and supervisor auth."""
from __future__ import annotations

import asyncio
import hashlib
import hmac
from collections.abc import AsyncIterator
from dataclasses import dataclass

from fastapi import Depends, Header, Request
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from apron.errors import Forbidden
from apron.models import Staff
from apron.services.baggage import BaggageService
from apron.services.delay_reporting import DelayReportingService
from apron.services.rostering import RosterService
from apron.services.stand_allocation import StandAllocationService
from apron.services.turnaround import TurnaroundService
from apron.settings import Settings, get_settings


@dataclass(frozen=True)
class Principal:
    staff_id: int
    airport: str
    role: str


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    async with request.app.state.sessionmaker() as session:
        yield session


def get_turnaround(request: Request) -> TurnaroundService:
    return request.app.state.turnaround


def get_stands(request: Request) -> StandAllocationService:
    return request.app.state.stands


def get_baggage(request: Request) -> BaggageService:
    return request.app.state.baggage


def get_roster(request: Request) -> RosterService:
    return request.app.state.roster


def get_delays(request: Request) -> DelayReportingService:
    return request.app.state.delays


def _hash_pin(pin: str, salt: str, iterations: int) -> str:
    return hashlib.pbkdf2_hmac("sha256", pin.encode(), salt.encode(), iterations).hex()


async def _load_staff(session: AsyncSession, badge: str) -> Staff:
    staff = (await session.scalars(select(Staff).where(Staff.badge == badge))).first()
    if staff is None or staff.pin_hash is None:
        raise Forbidden("unknown badge")
    return staff


async def scanner_principal(
    x_badge: str = Header(...),
    x_pin: str = Header(...),
    session: AsyncSession = Depends(get_session),
    settings: Settings = Depends(get_settings),
) -> Principal:
    """Handheld scanners send the operator's badge and PIN with each request."""
    staff = await _load_staff(session, x_badge)
    candidate = hashlib.pbkdf2_hmac(
        "sha256", x_pin.encode(), settings.scanner_pin_salt.encode(), settings.pin_hash_iterations
    ).hex()
    if not hmac.compare_digest(candidate, staff.pin_hash):
        raise Forbidden("bad pin")
    return Principal(staff.id, staff.airport, staff.role)


async def supervisor_principal(
    x_badge: str = Header(...),
    x_pin: str = Header(...),
    session: AsyncSession = Depends(get_session),
    settings: Settings = Depends(get_settings),
) -> Principal:
    staff = await _load_staff(session, x_badge)
    candidate = await asyncio.to_thread(_hash_pin, x_pin, settings.scanner_pin_salt, settings.pin_hash_iterations)
    if not hmac.compare_digest(candidate, staff.pin_hash) or staff.role != "SUPERVISOR":
        raise Forbidden("supervisor badge required")
    return Principal(staff.id, staff.airport, staff.role)
