from __future__ import annotations

import asyncio
import logging
import uuid
from datetime import date

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from docflow.cache import member_roles
from docflow.errors import Conflict, NotFound, QuotaExceeded
from docflow.locks import doc_lock, workspace_lock
from docflow.redis_client import redis
from docflow.repos.workspaces import WorkspaceRepo

log = logging.getLogger(__name__)


class WorkspaceService:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.repo = WorkspaceRepo(session)
        self.quotas = QuotaService(session)

    async def invite(self, workspace_id: uuid.UUID, handle: str, role: str) -> uuid.UUID:
        user = await self.repo.user_by_handle(handle)
        if user is None:
            raise NotFound(f"no user @{handle}")
        await self.quotas.ensure_member_slot(workspace_id)
        try:
            await self.repo.add_member(workspace_id, user.id, role)
            await self.session.commit()
        except IntegrityError as exc:
            await self.session.rollback()
            raise Conflict("already a member") from exc
        member_roles.invalidate(f"{workspace_id}:{user.id}")
        return user.id

    async def role_of(self, workspace_id: uuid.UUID, user_id: uuid.UUID) -> str | None:
        key = f"{workspace_id}:{user_id}"
        role = member_roles.get(key)
        if role is None:
            members = await self.repo.members_with_users(workspace_id)
            for m in members:
                member_roles.set(f"{workspace_id}:{m.user_id}", m.role)
                if m.user_id == user_id:
                    role = m.role
        return role

    async def directory(self, workspace_id: uuid.UUID) -> list[dict]:
        members = await self.repo.members_with_users(workspace_id)
        return [
            {"user_id": str(m.user_id), "handle": m.user.handle, "name": m.user.display_name, "role": m.role}
            for m in members
        ]

    async def move_documents(self, workspace_id: uuid.UUID, doc_ids: list[uuid.UUID], target: uuid.UUID) -> None:
        async with workspace_lock(workspace_id):
            for doc_id in doc_ids:
                async with doc_lock(doc_id):
                    await self._reparent(doc_id, target)
            await self.session.commit()

    async def _reparent(self, doc_id: uuid.UUID, target: uuid.UUID) -> None:
        from docflow.db.models import Document

        doc = await self.session.get(Document, doc_id)
        if doc is not None:
            doc.workspace_id = target
            await asyncio.sleep(0)


EXPORTS_PER_DAY = {"free": 10, "team": 200, "enterprise": 2_000}


class QuotaService:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.workspaces = WorkspaceRepo(session)

    async def ensure_member_slot(self, workspace_id: uuid.UUID) -> None:
        ws = await self.workspaces.get(workspace_id)
        if ws is None:
            raise NotFound("workspace not found")
        count = await self.workspaces.member_count(workspace_id)
        if count >= ws.member_quota:
            raise QuotaExceeded("member limit reached", detail={"limit": ws.member_quota})

    async def reserve_storage(self, workspace_id: uuid.UUID, size_bytes: int) -> None:
        ws = await self.workspaces.get_for_update(workspace_id)
        if ws is None:
            raise NotFound("workspace not found")
        limit = ws.storage_quota_mb * 1024 * 1024
        if ws.storage_used_bytes + size_bytes > limit:
            raise QuotaExceeded("storage quota exceeded", detail={"limit_mb": ws.storage_quota_mb})
        ws.storage_used_bytes += size_bytes

    async def take_export_slot(self, workspace_id: uuid.UUID, plan: str) -> None:
        key = f"quota:exports:{workspace_id}:{date.today().isoformat()}"
        used = int(await redis().get(key) or 0)
        if used >= EXPORTS_PER_DAY.get(plan, 10):
            raise QuotaExceeded("daily export limit reached")
        await redis().set(key, used + 1, ex=86_400)
