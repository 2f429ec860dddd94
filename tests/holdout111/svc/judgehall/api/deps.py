from __future__ import annotations

from litestar import Request
from litestar.connection import ASGIConnection
from litestar.datastructures import State
from litestar.di import Provide
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException
from litestar.handlers.base import BaseRouteHandler
from sqlalchemy.ext.asyncio import AsyncSession

from judgehall.db.engine import provide_db_session
from judgehall.errors import Forbidden
from judgehall.repositories.contests import ClarificationRepository, ContestRepository
from judgehall.repositories.problems import ProblemRepository
from judgehall.repositories.ratings import RatingRepository
from judgehall.repositories.submissions import (
    PlagiarismRepository,
    SubmissionRepository,
)
from judgehall.repositories.teams import TeamRepository
from judgehall.repositories.users import UserRepository
from judgehall.security import Principal, decode_token
from judgehall.services.auth import AuthService
from judgehall.services.clarifications import ClarificationService
from judgehall.services.contests import ContestService
from judgehall.services.judging import JudgingService
from judgehall.services.plagiarism import PlagiarismService
from judgehall.services.problems import ProblemService
from judgehall.services.rejudge import RejudgeService
from judgehall.services.submissions import SubmissionService
from judgehall.services.teams import TeamService
from judgehall.services.users import UserService


def _bearer(connection: ASGIConnection) -> str | None:
    header = connection.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:]
    return None


async def provide_principal(request: Request) -> Principal:
    token = _bearer(request)
    if token is None:
        raise NotAuthorizedException("authentication required")
    try:
        return decode_token(token, request.app.state.settings.jwt_secret)
    except Forbidden as exc:
        raise NotAuthorizedException("invalid token") from exc


def require_admin(connection: ASGIConnection, _: BaseRouteHandler) -> None:
    token = _bearer(connection)
    if token is None:
        raise NotAuthorizedException("authentication required")
    principal = decode_token(token, connection.app.state.settings.jwt_secret)
    if not principal.is_admin:
        raise PermissionDeniedException("admin only")


def require_jury(connection: ASGIConnection, _: BaseRouteHandler) -> None:
    token = _bearer(connection)
    if token is None:
        raise NotAuthorizedException("authentication required")
    principal = decode_token(token, connection.app.state.settings.jwt_secret)
    if not (principal.is_jury or principal.is_admin):
        raise PermissionDeniedException("jury only")


async def provide_auth_service(db_session: AsyncSession, state: State) -> AuthService:
    return AuthService(UserRepository(db_session), state.settings, state.login_throttle)


async def provide_user_service(db_session: AsyncSession, state: State) -> UserService:
    return UserService(
        UserRepository(db_session), TeamRepository(db_session), RatingRepository(db_session), state.avatars
    )


async def provide_team_service(db_session: AsyncSession, state: State) -> TeamService:
    return TeamService(TeamRepository(db_session), UserRepository(db_session), state.settings.max_team_size)


async def provide_contest_service(db_session: AsyncSession, state: State) -> ContestService:
    return ContestService(ContestRepository(db_session), TeamRepository(db_session), state.locks, state.webhooks)


async def provide_problem_service(db_session: AsyncSession, state: State) -> ProblemService:
    return ProblemService(ProblemRepository(db_session), state.object_store, state.locks, state.problem_archive)


async def provide_submission_service(db_session: AsyncSession, state: State) -> SubmissionService:
    return SubmissionService(
        SubmissionRepository(db_session),
        ProblemRepository(db_session),
        ContestRepository(db_session),
        state.object_store,
        state.redis,
        state.events,
        state.submission_limiter,
        state.compile_checker,
        state.settings,
    )


async def provide_judging_service(db_session: AsyncSession, state: State) -> JudgingService:
    return JudgingService(
        SubmissionRepository(db_session),
        ProblemRepository(db_session),
        state.judge_runner,
        state.object_store,
        state.redis,
        state.events,
    )


async def provide_clarification_service(db_session: AsyncSession, state: State) -> ClarificationService:
    return ClarificationService(ClarificationRepository(db_session), UserRepository(db_session), state.events)


async def provide_rejudge_service(db_session: AsyncSession, state: State) -> RejudgeService:
    return RejudgeService(SubmissionRepository(db_session), ProblemRepository(db_session), state.redis, state.locks)


async def provide_plagiarism_service(db_session: AsyncSession, state: State) -> PlagiarismService:
    return PlagiarismService(
        SubmissionRepository(db_session),
        PlagiarismRepository(db_session),
        state.object_store,
        state.settings.plagiarism_threshold,
    )


dependencies = {
    "db_session": Provide(provide_db_session),
    "principal": Provide(provide_principal),
    "auth_service": Provide(provide_auth_service),
    "user_service": Provide(provide_user_service),
    "team_service": Provide(provide_team_service),
    "contest_service": Provide(provide_contest_service),
    "problem_service": Provide(provide_problem_service),
    "submission_service": Provide(provide_submission_service),
    "judging_service": Provide(provide_judging_service),
    "clarification_service": Provide(provide_clarification_service),
    "rejudge_service": Provide(provide_rejudge_service),
    "plagiarism_service": Provide(provide_plagiarism_service),
}
