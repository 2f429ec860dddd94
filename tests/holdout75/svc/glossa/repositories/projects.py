from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from glossa.db.models import GitLink, Project, Release
from glossa.repositories import BaseRepository


class ProjectRepository(BaseRepository[Project]):
    model = Project

    async def for_org(self, session: AsyncSession, org_id: int) -> list[Project]:
        stmt = select(Project).where(Project.org_id == org_id).order_by(Project.name)
        return list(await session.scalars(stmt))

    async def update_settings(self, session: AsyncSession, project_id: int, patch: dict) -> Project:
        project = await self.require(session, project_id)
        project.settings = {**project.settings, **patch}
        await session.flush()
        return project

    async def latest_release(self, session: AsyncSession, project_id: int) -> Release | None:
        stmt = select(Release).where(Release.project_id == project_id).order_by(Release.version.desc()).limit(1)
        return await session.scalar(stmt)


class GitLinkRepository(BaseRepository[GitLink]):
    model = GitLink

    async def due_for_sync(self, session: AsyncSession, now: datetime, limit: int = 50) -> list[GitLink]:
        stmt = select(GitLink).where(GitLink.next_sync_at <= now).order_by(GitLink.next_sync_at).limit(limit)
        return list(await session.scalars(stmt))

    async def record_result(
        self,
        session: AsyncSession,
        link_id: int,
        *,
        commit: str | None,
        error: str | None,
        next_sync_at: datetime,
    ) -> None:
        values: dict = {"last_error": error, "next_sync_at": next_sync_at}
        if error is None:
            values.update(last_commit=commit, last_synced_at=datetime.now(next_sync_at.tzinfo))
        await session.execute(update(GitLink).where(GitLink.id == link_id).values(**values))
