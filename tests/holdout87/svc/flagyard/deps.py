from __future__ import annotations

from collections.abc import AsyncIterator

from fastapi import Depends, Header, Request
from sqlalchemy.ext.asyncio import AsyncSession

from .db.engine import session_scope
from .db.models import Environment
from .errors import AuthError, Forbidden
from .principal import Principal
from .repositories.projects import ProjectRepository
from .services.audit import AuditService
from .services.flags import FlagService
from .services.sso import SsoService
from .services.webhooks import WebhookDispatcher
from .settings import Settings
from .utils.hashing import sdk_key_digest
from .utils.jsonutil import loads


def get_app_settings(request: Request) -> Settings:
    return request.app.state.settings


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    async for session in session_scope(request.app.state.sessionmaker):
        yield session


def get_dispatcher(request: Request) -> WebhookDispatcher:
    return WebhookDispatcher(request.app.state.redis, request.app.state.settings.webhook_stream)


def get_audit_service(
    session: AsyncSession = Depends(get_session), dispatcher: WebhookDispatcher = Depends(get_dispatcher)
) -> AuditService:
    return AuditService(session, dispatcher)


def get_flag_service(
    request: Request,
    session: AsyncSession = Depends(get_session),
    audit: AuditService = Depends(get_audit_service),
) -> FlagService:
    state = request.app.state
    return FlagService(session, state.flag_cache, state.locks, audit, state.redis, state.settings.flag_change_channel)


async def current_principal(
    request: Request,
    authorization: str | None = Header(default=None),
    session: AsyncSession = Depends(get_session),
) -> Principal:
    if authorization and authorization.startswith("Bearer fy_"):
        sso = SsoService(request.app.state.idp, session, request.app.state.settings)
        return await sso.verify_api_token(authorization.removeprefix("Bearer fy_"))
    sid = request.cookies.get("fy_session")
    if not sid:
        raise AuthError("login required")
    raw = await request.app.state.redis.get(f"session:{sid}")
    if raw is None:
        raise AuthError("session expired")
    data = loads(raw)
    return Principal(org_id=data["org_id"], user_id=data["user_id"], role=data["role"])


async def require_admin(principal: Principal = Depends(current_principal)) -> Principal:
    if not principal.is_admin:
        raise Forbidden("admin role required")
    return principal


async def sdk_environment(
    x_flagyard_sdk_key: str = Header(...), session: AsyncSession = Depends(get_session)
) -> Environment:
    env = await ProjectRepository(session).environment_by_sdk_hash(sdk_key_digest(x_flagyard_sdk_key))
    if env is None or env.archived:
        raise AuthError("unknown sdk key")
    return env


async def environment_for(
    environment_id: str, principal: Principal = Depends(current_principal), session: AsyncSession = Depends(get_session)
) -> Environment:
    projects = ProjectRepository(session)
    env = await projects.get_environment(environment_id)
    if env is None:
        raise AuthError("unknown environment")
    project = await projects.get(env.project_id)
    if project is None or project.org_id != principal.org_id:
        raise Forbidden("environment belongs to another organization")
    return env
