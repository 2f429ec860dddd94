"""Study, site and submission lookups through the ORM."""
from __future__ import annotations

from fastapi import HTTPException, status
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from svc.db.models import FormSubmission, Participant, Site, Study
from svc.errors import NotFound


class StudyRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, study_id: int) -> Study:
        study = await self._session.get(Study, study_id)
        if study is None:
            raise NotFound(f"study {study_id} not found")
        return study

    async def get_with_sites(self, study_id: int) -> Study:
        stmt = select(Study).where(Study.id == study_id).options(selectinload(Study.sites))
        study = (await self._session.execute(stmt)).scalar_one_or_none()
        if study is None:
            raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="study not found")
        return study

    async def by_protocol(self, protocol_code: str) -> Study | None:
        stmt = select(Study).where(Study.protocol_code == protocol_code)
        return (await self._session.execute(stmt)).scalar_one_or_none()

    async def enrolment_by_site(self, study: Study) -> dict[str, int]:
        counts: dict[str, int] = {}
        for site in study.sites:
            counts[site.site_number] = await self._session.scalar(select(func.count()).where(Participant.site_id == site.id))
        return counts

    async def enrolment_by_site_grouped(self, study_id: int) -> dict[int, int]:
        stmt = (
            select(Participant.site_id, func.count())
            .where(Participant.study_id == study_id)
            .group_by(Participant.site_id)
        )
        return {site_id: n for site_id, n in (await self._session.execute(stmt)).all()}

    async def submissions_by_user(self, user_id: str, limit: int = 50) -> list[FormSubmission]:
        stmt = select(FormSubmission).where(FormSubmission.submitted_by == user_id).order_by(FormSubmission.submitted_at.desc()).limit(limit)
        return list((await self._session.scalars(stmt)).all())

    async def awaiting_review(self, limit: int = 100) -> list[FormSubmission]:
        stmt = (
            select(FormSubmission)
            .where(FormSubmission.status == "submitted")
            .order_by(FormSubmission.updated_at)
            .limit(limit)
        )
        return list((await self._session.scalars(stmt)).all())

    async def active_sites(self, study_id: int) -> list[Site]:
        stmt = select(Site).where(Site.study_id == study_id, Site.active.is_(True)).order_by(Site.site_number)
        return list((await self._session.scalars(stmt)).all())
