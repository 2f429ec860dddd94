from __future__ import annotations

import uuid

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from docflow.db.models import Membership, User, Workspace


class WorkspaceRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, workspace_id: uuid.UUID) -> Workspace | None:
        return await self.session.get(Workspace, workspace_id)

    async def get_for_update(self, workspace_id: uuid.UUID) -> Workspace | None:
        stmt = select(Workspace).where(Workspace.id == workspace_id).with_for_update()
        return await self.session.scalar(stmt)

    async def by_slug(self, slug: str) -> Workspace | None:
        return await self.session.scalar(select(Workspace).where(Workspace.slug == slug))

    async def member_count(self, workspace_id: uuid.UUID) -> int:
        stmt = select(func.count()).select_from(Membership).where(
            Membership.workspace_id == workspace_id
        )
        return int(await self.session.scalar(stmt) or 0)

    async def members_with_users(self, workspace_id: uuid.UUID) -> list[Membership]:
        stmt = (
            select(Membership)
            .where(Membership.workspace_id == workspace_id)
            .options(selectinload(Membership.user))
        )
        return list((await self.session.scalars(stmt)).all())

    async def member_ids(self, workspace_id: uuid.UUID) -> list[uuid.UUID]:
        stmt = select(Membership.user_id).where(Membership.workspace_id == workspace_id)
        return list((await self.session.scalars(stmt)).all())

    async def add_member(self, workspace_id: uuid.UUID, user_id: uuid.UUID, role: str) -> Membership:
        m = Membership(workspace_id=workspace_id, user_id=user_id, role=role)
        self.session.add(m)
        await self.session.flush()
        return m

    async def add_storage(self, workspace_id: uuid.UUID, delta: int) -> None:
        await self.session.execute(
            update(Workspace)
            .where(Workspace.id == workspace_id)
            .values(storage_used_bytes=Workspace.storage_used_bytes + delta)
        )

    async def user(self, user_id: uuid.UUID) -> User | None:
        return await self.session.get(User, user_id)

    async def users_by_handles(self, handles: list[str]) -> list[User]:
        if not handles:
            return []
        return list((await self.session.scalars(select(User).where(User.handle.in_(handles)))).all())

    async def user_by_handle(self, handle: str) -> User | None:
        return await self.session.scalar(select(User).where(User.handle == handle))
