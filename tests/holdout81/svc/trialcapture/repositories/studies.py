from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from ..errors import NotFound
from ..models import Investigator, Site, Study


class StudyRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def get(self, study_id: int) -> Study:
        study = await self._s.get(Study, study_id)
        if study is None:
            raise NotFound(f"study {study_id}")
        return study

    async def get_by_code(self, protocol_code: str) -> Study | None:
        return await self._s.scalar(select(Study).where(Study.protocol_code == protocol_code))

    async def get_site(self, site_id: int) -> Site:
        site = await self._s.get(Site, site_id)
        if site is None:
            raise NotFound(f"site {site_id}")
        return site

    async def list_sites(self, study_id: int) -> list[Site]:
        result = await self._s.scalars(select(Site).where(Site.study_id == study_id).order_by(Site.site_number))
        return list(result)

    async def sites_with_investigators(self, study_id: int) -> list[Site]:
        stmt = (
            select(Site)
            .where(Site.study_id == study_id)
            .options(selectinload(Site.investigators))
            .order_by(Site.site_number)
        )
        return list(await self._s.scalars(stmt))

    async def get_investigator(self, user_id: str) -> Investigator | None:
        return await self._s.scalar(select(Investigator).where(Investigator.user_id == user_id))

    async def list_enrolling(self) -> list[Study]:
        return list(await self._s.scalars(select(Study).where(Study.status == "enrolling")))

    async def mark_locked(self, study_id: int, at: datetime) -> None:
        await self._s.execute(
            update(Study).where(Study.id == study_id, Study.locked_at.is_(None)).values(locked_at=at, status="locked")
        )
