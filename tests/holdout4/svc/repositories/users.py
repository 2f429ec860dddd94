from __future__ import annotations

from sqlalchemy import func, select

from svc.db.models import Membership, User, Workspace
from svc.repositories.base import BaseRepository


class UserRepository(BaseRepository[User]):
    model = User

    async def by_email(self, email: str) -> User | None:
        stmt = select(User).where(func.lower(User.email) == email.strip().lower())
        return await self.session.scalar(stmt)

    async def by_handle(self, handle: str) -> User | None:
        return await self.session.scalar(select(User).where(User.handle == handle))

    async def by_handles(self, handles: list[str]) -> list[User]:
        if not handles:
            return []
        stmt = select(User).where(User.handle.in_(handles))
        return list((await self.session.scalars(stmt)).all())

    async def workspaces_for_user(self, user_id: int) -> list[Workspace]:
        stmt = (
            select(Workspace)
            .join(Membership, Membership.workspace_id == Workspace.id)
            .where(Membership.user_id == user_id)
            .order_by(Workspace.name)
        )
        return list((await self.session.scalars(stmt)).all())

    async def digest_recipients(self, workspace_id: int, after_id: int, limit: int) -> list[User]:
        stmt = (
            select(User)
            .join(Membership, Membership.user_id == User.id)
            .where(Membership.workspace_id == workspace_id, User.digest_enabled.is_(True), User.id > after_id)
            .order_by(User.id)
            .limit(limit)
        )
        return list((await self.session.scalars(stmt)).all())


class MembershipRepository(BaseRepository[Membership]):
    model = Membership

    async def get_member(self, workspace_id: int, user_id: int) -> Membership | None:
        stmt = select(Membership).where(Membership.workspace_id == workspace_id, Membership.user_id == user_id)
        return await self.session.scalar(stmt)

    async def add_member(self, workspace_id: int, user_id: int, role: str = "member") -> Membership:
        return await self.add(Membership(workspace_id=workspace_id, user_id=user_id, role=role))

    async def lock_workspace(self, workspace_id: int) -> Workspace | None:
        stmt = select(Workspace).where(Workspace.id == workspace_id).with_for_update()
        return await self.session.scalar(stmt)
