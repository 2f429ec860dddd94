from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

import jwt
from fastapi import Depends, Header, Request
from sqlalchemy.ext.asyncio import AsyncSession

from payflow.cache.redis_client import get_redis
from payflow.db.engine import SessionFactory
from payflow.errors import Forbidden
from payflow.models import User
from payflow.repositories.document_repo import PayslipRepository, TaxFormRepository
from payflow.repositories.ops_repo import AuditRepository
from payflow.repositories.payout_repo import PayoutRepository
from payflow.repositories.payrun_repo import PayRunRepository
from payflow.repositories.people_repo import CompanyRepository, ContractorRepository, EmployeeRepository
from payflow.repositories.timesheet_repo import ClockRepository, TimesheetRepository
from payflow.services.audit_service import AuditService
from payflow.services.auth import decode_token


async def db_session() -> AsyncIterator[AsyncSession]:
    async with SessionFactory() as session:
        try:
            yield session
            await session.commit()
        except BaseException:
            await session.rollback()
            raise


@dataclass(slots=True)
class Repos:
    session: AsyncSession

    @property
    def companies(self) -> CompanyRepository:
        return CompanyRepository(self.session)

    @property
    def employees(self) -> EmployeeRepository:
        return EmployeeRepository(self.session)

    @property
    def contractors(self) -> ContractorRepository:
        return ContractorRepository(self.session)

    @property
    def clock(self) -> ClockRepository:
        return ClockRepository(self.session)

    @property
    def timesheets(self) -> TimesheetRepository:
        return TimesheetRepository(self.session)

    @property
    def runs(self) -> PayRunRepository:
        return PayRunRepository(self.session)

    @property
    def payouts(self) -> PayoutRepository:
        return PayoutRepository(self.session)

    @property
    def payslips(self) -> PayslipRepository:
        return PayslipRepository(self.session)

    @property
    def tax_forms(self) -> TaxFormRepository:
        return TaxFormRepository(self.session)

    @property
    def audit(self) -> AuditService:
        return AuditService(AuditRepository(self.session))


def repos(session: AsyncSession = Depends(db_session)) -> Repos:
    return Repos(session)


async def user_from_token(session: AsyncSession, token: str) -> User:
    try:
        claims = decode_token(token)
    except jwt.PyJWTError as exc:
        raise Forbidden("invalid token") from exc
    user = await session.get(User, int(claims["sub"]))
    if user is None or not user.active:
        raise Forbidden("unknown user")
    return user


async def current_user(
    authorization: str = Header(...), session: AsyncSession = Depends(db_session)
) -> User:
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise Forbidden("bearer token required")
    return await user_from_token(session, token)


async def admin_user(user: User = Depends(current_user)) -> User:
    if user.role not in ("admin", "payroll"):
        raise Forbidden("payroll admin role required")
    return user


def state(request: Request):
    return request.app.state


def redis_dep():
    return get_redis()
