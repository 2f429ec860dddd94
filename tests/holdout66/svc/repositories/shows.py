from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from svc.db.models import Creator, Show


class ShowRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def find_by_slug(self, slug: str) -> Show | None:
        result = await self._session.execute(select(Show).where(Show.slug == slug))
        return result.scalar_one_or_none()

    async def get(self, show_id: int) -> Show | None:
        return await self._session.get(Show, show_id)

    async def list_for_creator(self, creator_id: int) -> Sequence[Show]:
        result = await self._session.execute(
            select(Show).where(Show.creator_id == creator_id).order_by(Show.title)
        )
        return result.scalars().all()

    async def list_with_creators(self, show_ids: Sequence[int]) -> Sequence[Show]:
        stmt = select(Show).where(Show.id.in_(show_ids)).options(selectinload(Show.creator))
        result = await self._session.execute(stmt)
        return result.scalars().all()

    async def search(self, term: str, limit: int = 20) -> Sequence[Show]:
        stmt = select(Show).where(Show.title.ilike(f"%{term}%")).limit(limit)
        result = await self._session.execute(stmt)
        return result.scalars().all()

    async def add(self, show: Show) -> Show:
        self._session.add(show)
        await self._session.flush()
        return show

    async def creator_by_token_hash(self, token_hash: str) -> Creator | None:
        result = await self._session.execute(select(Creator).where(Creator.api_token_hash == token_hash))
        return result.scalar_one_or_none()
