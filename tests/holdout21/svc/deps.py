"""FastAPI dependencies: shared services from app state, auth, request-scoped services."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

import jwt
from fastapi import Depends, Header, Request
from sqlalchemy.ext.asyncio import AsyncSession

from svc import storage
from svc.config import Settings, get_settings
from svc.db.postgres import get_session
from svc.errors import Unauthorized
from svc.services.billing import BillingService
from svc.services.bookings import BookingService
from svc.services.classes import AttendanceTracker, ClassPhaseStore, ClassService
from svc.services.members import MemberService
from svc.services.notifications import Notifier
from svc.services.reports import ReportService
from svc.services.waitlist import WaitlistService
from svc.services.wearables import DeviceService, SampleIngestor


@dataclass(frozen=True)
class Principal:
    member_id: int
    gym_id: int
    role: str

    @property
    def is_staff(self) -> bool:
        return self.role in {"instructor", "manager"}


def decode_token(token: str, settings: Settings) -> Principal:
    try:
        claims = jwt.decode(token, settings.jwt_secret, algorithms=["HS256"])
    except jwt.PyJWTError as exc:
        raise Unauthorized("invalid token") from exc
    return Principal(member_id=int(claims["sub"]), gym_id=int(claims["gym"]), role=claims.get("role", "member"))


async def current_principal(
    authorization: Annotated[str | None, Header()] = None,
    settings: Settings = Depends(get_settings),
) -> Principal:
    if not authorization or not authorization.startswith("Bearer "):
        raise Unauthorized("missing bearer token")
    return decode_token(authorization.removeprefix("Bearer "), settings)


async def staff_principal(principal: Principal = Depends(current_principal)) -> Principal:
    if not principal.is_staff:
        raise Unauthorized("staff only")
    return principal


def gym_branding(gym_id: int, settings: Settings = Depends(get_settings)) -> dict[str, str]:
    return storage.load_branding(settings.waiver_dir, gym_id)


def members_service(request: Request) -> MemberService:
    return request.app.state.members


def billing_service(request: Request) -> BillingService:
    return request.app.state.billing


def booking_service(request: Request) -> BookingService:
    return request.app.state.bookings


def waitlist_service(request: Request) -> WaitlistService:
    return request.app.state.waitlist


def notifier(request: Request) -> Notifier:
    return request.app.state.notifier


def attendance_tracker(request: Request) -> AttendanceTracker:
    return request.app.state.attendance


def phase_store(request: Request) -> ClassPhaseStore:
    return request.app.state.phases


def device_service(request: Request) -> DeviceService:
    return request.app.state.devices


def sample_ingestor(request: Request) -> SampleIngestor:
    return request.app.state.ingestor


def report_service(request: Request) -> ReportService:
    return request.app.state.reports


def class_service(request: Request, session: AsyncSession = Depends(get_session)) -> ClassService:
    return ClassService(session, request.app.state.directory)
