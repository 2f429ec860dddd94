from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from svc.cache.local import TTLCache
from svc.db.models import Membership, Workspace
from svc.errors import Forbidden, NotFound
from svc.repositories.audit import AuditRecord, AuditRepository
from svc.repositories.users import MembershipRepository

DEFAULT_SETTINGS: dict[str, Any] = {
    "retention_days": 365,
    "allow_guests": False,
    "digest": "daily",
    "link_previews": True,
}

_plan_cache: TTLCache[dict[str, Any]] = TTLCache(maxsize=5_000, ttl=30.0)
_prefs_cache: TTLCache[dict[str, Any]] = TTLCache(maxsize=20_000, ttl=60.0)


class WorkspaceService:
    def __init__(self, session: AsyncSession, audit: AuditRepository) -> None:
        self._session = session
        self._members = MembershipRepository(session)
        self._audit = audit

    async def plan_settings(self, workspace_id: int) -> dict[str, Any]:
        cached = _plan_cache.get(f"plan:{workspace_id}")
        if cached is not None:
            return dict(cached)
        workspace = await self._session.get(Workspace, workspace_id)
        if workspace is None:
            raise NotFound("workspace not found")
        value = {**DEFAULT_SETTINGS, "plan": workspace.plan, "seats_limit": workspace.seats_limit}
        _plan_cache.set(f"plan:{workspace_id}", value)
        return dict(value)

    async def effective_prefs(self, workspace_id: int, user_overrides: dict[str, Any]) -> dict[str, Any]:
        cached = _prefs_cache.get(f"prefs:{workspace_id}")
        if cached is not None:
            cached.update(user_overrides)
            return cached
        prefs = await self.plan_settings(workspace_id)
        _prefs_cache.set(f"prefs:{workspace_id}", prefs)
        return {**prefs, **user_overrides}

    async def accept_invite(self, workspace_id: int, user_id: int) -> Membership:
        existing = await self._members.get_member(workspace_id, user_id)
        if existing is not None:
            return existing
        workspace = await self._session.get(Workspace, workspace_id)
        if workspace is None:
            raise NotFound("workspace not found")
        if workspace.seats_used >= workspace.seats_limit:
            raise Forbidden("no seats left on this plan")
        membership = await self._members.add_member(workspace_id, user_id)
        workspace.seats_used += 1
        await self._session.commit()
        await self._audit.append(AuditRecord(workspace_id, user_id, "member.join", f"user:{user_id}"))
        return membership

    async def add_by_admin(self, workspace_id: int, admin_id: int, user_id: int, role: str) -> Membership:
        async with self._session.begin():
            locked = await self._members.lock_workspace(workspace_id)
            if locked is None:
                raise NotFound("workspace not found")
            if locked.seats_used >= locked.seats_limit:
                raise Forbidden("no seats left on this plan")
            membership = Membership(workspace_id=workspace_id, user_id=user_id, role=role)
            await self._members.add(membership, flush=False)
            locked.seats_used += 1
        record = AuditRecord(workspace_id, admin_id, "member.add", f"user:{user_id}", {"role": role})
        await self._audit.append(record, flush=True)
        return membership

    async def member_roles(self, workspace_id: int) -> dict[int, str]:
        rows = await self._session.execute(
            select(Membership.user_id, Membership.role).where(Membership.workspace_id == workspace_id)
        )
        return {user_id: role for user_id, role in rows.all()}
