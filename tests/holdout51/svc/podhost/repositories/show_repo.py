"""Show persistence (SQLAlchemy async ORM)."""
from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from podhost.db.models import DirectorySubscription, Episode, EpisodeStatus, Show


class ShowRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, show_id: int) -> Show | None:
        return await self.session.get(Show, show_id)

    async def get_by_slug(self, slug: str) -> Show | None:
        result = await self.session.execute(select(Show).where(Show.slug == slug))
        return result.scalar_one_or_none()

    async def list_for_creator(self, creator_id: int) -> Sequence[Show]:
        result = await self.session.execute(
            select(Show).where(Show.creator_id == creator_id).order_by(Show.title)
        )
        return result.scalars().all()

    async def search(self, term: str, limit: int = 25) -> Sequence[Show]:
        stmt = (
            select(Show)
            .where(Show.is_private.is_(False))
            .where(func.lower(Show.title).like(f"%{term.lower()}%"))
            .order_by(Show.total_downloads.desc())
            .limit(limit)
        )
        result = await self.session.execute(stmt)
        return result.scalars().all()

    async def count_episodes(self, show_id: int) -> int:
        result = await self.session.execute(
            select(func.count(Episode.id)).where(Episode.show_id == show_id)
        )
        return int(result.scalar_one())

    async def episode_counts(self, show_ids: list[int]) -> dict[int, int]:
        if not show_ids:
            return {}
        result = await self.session.execute(
            select(Episode.show_id, func.count(Episode.id))
            .where(Episode.show_id.in_(show_ids))
            .where(Episode.status == EpisodeStatus.published)
            .group_by(Episode.show_id)
        )
        return {show_id: count for show_id, count in result.all()}

    async def with_subscriptions(self, show_id: int) -> Show | None:
        result = await self.session.execute(
            select(Show).where(Show.id == show_id).options(selectinload(Show.episodes))
        )
        return result.scalar_one_or_none()

    async def subscriptions(self, show_id: int) -> Sequence[DirectorySubscription]:
        result = await self.session.execute(
            select(DirectorySubscription)
            .where(DirectorySubscription.show_id == show_id)
            .where(DirectorySubscription.active.is_(True))
        )
        return result.scalars().all()

    async def add_downloads(self, show_id: int, count: int) -> None:
        await self.session.execute(
            update(Show).where(Show.id == show_id).values(total_downloads=Show.total_downloads + count)
        )

    async def add(self, show: Show) -> Show:
        self.session.add(show)
        await self.session.flush()
        return show
