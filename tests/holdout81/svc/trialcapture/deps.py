from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from .container import Container
from .repositories.clinical import FormRepository, VisitRepository
from .repositories.exports import ExportRepository
from .repositories.queries import QueryRepository
from .repositories.safety import AdverseEventRepository
from .repositories.studies import StudyRepository
from .repositories.subjects import SubjectRepository
from .services.consent import ConsentService
from .services.enrolment import EnrolmentService
from .services.exports import ExportService
from .services.forms import FormService
from .services.queries import QueryService
from .services.randomisation import RandomisationService
from .services.safety import SafetyService
from .services.schedule import ScheduleService


def get_container(request: Request) -> Container:
    return request.app.state.container


async def get_session(c: Container = Depends(get_container)) -> AsyncIterator[AsyncSession]:
    async with c.sessionmaker() as session:
        yield session


def get_studies(session: AsyncSession = Depends(get_session)) -> StudyRepository:
    return StudyRepository(session)


def get_schedule(session: AsyncSession = Depends(get_session)) -> ScheduleService:
    return ScheduleService(session, VisitRepository(session), SubjectRepository(session))


def get_enrolment(
    session: AsyncSession = Depends(get_session),
    schedule: ScheduleService = Depends(get_schedule),
    c: Container = Depends(get_container),
) -> EnrolmentService:
    return EnrolmentService(
        session,
        SubjectRepository(session),
        StudyRepository(session),
        RandomisationService(session, c.irt),
        schedule,
        c.audit,
        c.cache,
        c.redis,
        c.dashboard,
    )


def get_forms(session: AsyncSession = Depends(get_session), c: Container = Depends(get_container)) -> FormService:
    return FormService(session, FormRepository(session), VisitRepository(session), QueryRepository(c.pg),
                       c.edit_checks, c.audit, c.locks)


def get_queries(
    session: AsyncSession = Depends(get_session),
    forms: FormService = Depends(get_forms),
    c: Container = Depends(get_container),
) -> QueryService:
    return QueryService(QueryRepository(c.pg), FormRepository(session), forms, c.audit, c.redis, c.locks)


def get_safety(session: AsyncSession = Depends(get_session), c: Container = Depends(get_container)) -> SafetyService:
    return SafetyService(session, AdverseEventRepository(session), SubjectRepository(session),
                         StudyRepository(session), c.meddra, c.sponsor, c.gateway, c.audit)


def get_consent(session: AsyncSession = Depends(get_session), c: Container = Depends(get_container)) -> ConsentService:
    return ConsentService(session, SubjectRepository(session), c.econsent, c.audit, c.cache,
                          c.settings.protocol_dir)


def get_exports(c: Container = Depends(get_container)) -> ExportService:
    salt = hashlib.sha256(c.settings.jwt_secret.encode()).digest()
    return ExportService(ExportRepository(c.pg, c.settings.pg_dsn), c.sponsor, c.audit, c.settings.export_dir,
                         salt, c.executor)
