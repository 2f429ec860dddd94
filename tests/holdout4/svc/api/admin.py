from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from svc.api.deps import ContainerDep, CurrentUser, SessionDep, UserDep
from svc.container import Container
from svc.errors import Forbidden
from svc.repositories.messages import MessageRepository
from svc.services import flags
from svc.services.permissions import PermissionPolicy, policy_for
from svc.services.workspaces import WorkspaceService

router = APIRouter(prefix="/admin", tags=["admin"])


class FlagOverride(BaseModel):
    flag: str
    enabled: bool | None


async def _require_admin(session: AsyncSession, c: Container, user: CurrentUser) -> None:
    roles = await WorkspaceService(session, c.audit).member_roles(user.workspace_id)
    if roles.get(user.id) not in {"owner", "admin"}:
        raise Forbidden("admin role required")


@router.put("/flags")
async def override_flag(body: FlagOverride, session: AsyncSession = SessionDep, c: Container = ContainerDep,
                        user: CurrentUser = UserDep,
                        policy: PermissionPolicy = Depends(policy_for)) -> dict[str, bool]:
    roles = await WorkspaceService(session, c.audit).member_roles(user.workspace_id)
    if not policy.allowed(roles.get(user.id, "guest"), "flags.write"):
        raise Forbidden("flags.write required")
    flags.set_override(body.flag, body.enabled)
    return flags.overrides()


@router.get("/audit")
async def audit_log(days: int = Query(7, ge=1, le=90), session: AsyncSession = SessionDep,
                    c: Container = ContainerDep, user: CurrentUser = UserDep) -> list[dict[str, Any]]:
    await _require_admin(session, c, user)
    since = datetime.now(timezone.utc) - timedelta(days=days)
    rows = await c.audit.recent(user.workspace_id, since)
    return [{**r, "created_at": r["created_at"].isoformat()} for r in rows]


@router.get("/threads/{message_id}")
async def export_thread(message_id: int, session: AsyncSession = SessionDep, c: Container = ContainerDep,
                        user: CurrentUser = UserDep) -> list[dict[str, Any]]:
    await _require_admin(session, c, user)
    replies = await MessageRepository(session).thread_replies(message_id)
    return [{"id": m.id, "author_id": m.author_id, "body": m.body} for m in replies]


@router.post("/members/{user_id}")
async def add_member(user_id: int, role: str = "member", session: AsyncSession = SessionDep,
                     c: Container = ContainerDep, user: CurrentUser = UserDep) -> dict[str, int]:
    await _require_admin(session, c, user)
    membership = await WorkspaceService(session, c.audit).add_by_admin(user.workspace_id, user.id, user_id, role)
    return {"membership_id": membership.id}
