"""Episode persistence (SQLAlchemy async ORM)."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from podhost.db.models import Chapter, Episode, EpisodeStatus, TranscodeJob


class EpisodeRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, episode_id: int) -> Episode | None:
        return await self.session.get(Episode, episode_id)

    async def get_for_show(self, show_id: int, slug: str) -> Episode | None:
        result = await self.session.execute(
            select(Episode).where(Episode.show_id == show_id, Episode.slug == slug)
        )
        return result.scalar_one_or_none()

    async def find_by_guid(self, guid: str) -> Episode | None:
        result = await self.session.execute(select(Episode).where(Episode.guid == guid))
        return result.scalar_one_or_none()

    async def published_for_feed(self, show_id: int, limit: int = 300) -> Sequence[Episode]:
        result = await self.session.execute(
            select(Episode)
            .where(Episode.show_id == show_id, Episode.status == EpisodeStatus.published)
            .options(selectinload(Episode.chapters))
            .order_by(Episode.published_at.desc())
            .limit(limit)
        )
        return result.scalars().all()

    async def list_for_show(self, show_id: int, offset: int = 0, limit: int = 50) -> Sequence[Episode]:
        result = await self.session.execute(
            select(Episode)
            .where(Episode.show_id == show_id)
            .order_by(Episode.published_at.desc().nulls_first())
            .offset(offset)
            .limit(limit)
        )
        return result.scalars().all()

    async def chapters_for(self, episode_id: int) -> Sequence[Chapter]:
        result = await self.session.execute(
            select(Chapter).where(Chapter.episode_id == episode_id).order_by(Chapter.start_seconds)
        )
        return result.scalars().all()

    async def by_status(self, status: EpisodeStatus, limit: int = 100) -> Sequence[Episode]:
        result = await self.session.execute(select(Episode).where(Episode.status == status).limit(limit))
        return result.scalars().all()

    async def scheduled_due(self, now: datetime) -> Sequence[Episode]:
        result = await self.session.execute(
            select(Episode)
            .where(Episode.status == EpisodeStatus.scheduled)
            .where(Episode.published_at <= now)
        )
        return result.scalars().all()

    async def add_job(self, job: TranscodeJob) -> TranscodeJob:
        self.session.add(job)
        await self.session.flush()
        return job

    async def get_job(self, job_id: int) -> TranscodeJob | None:
        return await self.session.get(TranscodeJob, job_id)
