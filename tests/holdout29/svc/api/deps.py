"""FastAPI dependencies: container access, authentication, service factories."""

from __future__ import annotations

import jwt
from fastapi import Depends, Header, HTTPException, Request, status
from sqlalchemy.ext.asyncio import AsyncSession

from svc.clients.identity import Principal
from svc.container import Container
from svc.db.session import get_session
from svc.repositories.audit import AuditLog
from svc.repositories.certificates import CertificateRepository
from svc.repositories.chat import ChatRepository
from svc.repositories.courses import CourseRepository
from svc.repositories.enrolments import EnrolmentRepository
from svc.repositories.payments import PaymentRepository
from svc.repositories.progress import ProgressRepository
from svc.repositories.quizzes import QuizRepository
from svc.repositories.users import UserRepository
from svc.services.certificates import CertificateService
from svc.services.courses import CourseService
from svc.services.enrolments import EnrolmentService
from svc.services.grading import GradingService
from svc.services.payments import PaymentService
from svc.services.storage import CertificateArchive


def get_container(request: Request) -> Container:
    return request.app.state.container


def current_principal(
    authorization: str = Header(...), container: Container = Depends(get_container)
) -> Principal:
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "missing bearer token")
    try:
        return container.verifier.verify(token)
    except (jwt.PyJWTError, KeyError) as exc:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid token") from exc


def require_instructor(principal: Principal = Depends(current_principal)) -> Principal:
    if not (principal.is_instructor or principal.is_admin):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "instructors only")
    return principal


def require_admin(principal: Principal = Depends(current_principal)) -> Principal:
    if not principal.is_admin:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "admins only")
    return principal


def _pg(container: Container) -> tuple:
    return container.pg_pool, container.settings.pg_acquire_timeout


def user_repo(container: Container = Depends(get_container)) -> UserRepository:
    return UserRepository(*_pg(container))


def chat_repo(container: Container = Depends(get_container)) -> ChatRepository:
    return ChatRepository(*_pg(container))


def course_service(
    session: AsyncSession = Depends(get_session), container: Container = Depends(get_container)
) -> CourseService:
    return CourseService(CourseRepository(session), container.recommender, container.catalog_cache)


def enrolment_service(
    session: AsyncSession = Depends(get_session), container: Container = Depends(get_container)
) -> EnrolmentService:
    return EnrolmentService(
        EnrolmentRepository(*_pg(container)), CourseRepository(session), AuditLog(*_pg(container))
    )


def grading_service(
    session: AsyncSession = Depends(get_session), container: Container = Depends(get_container)
) -> GradingService:
    return GradingService(QuizRepository(session), UserRepository(*_pg(container)))


def certificate_service(
    session: AsyncSession = Depends(get_session), container: Container = Depends(get_container)
) -> CertificateService:
    return CertificateService(
        CertificateRepository(*_pg(container)),
        ProgressRepository(*_pg(container)),
        UserRepository(*_pg(container)),
        CourseRepository(session),
        CertificateArchive(),
        container.settings.certificate_signing_salt,
    )


def payment_service(
    session: AsyncSession = Depends(get_session),
    container: Container = Depends(get_container),
    enrolments: EnrolmentService = Depends(enrolment_service),
) -> PaymentService:
    return PaymentService(
        container.settings,
        container.payments,
        PaymentRepository(session),
        CourseRepository(session),
        UserRepository(*_pg(container)),
        enrolments,
        container.redis,
        container.mailer,
        container.tasks,
    )
