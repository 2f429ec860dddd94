from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from ..errors import NotFound
from ..models import Subject


class SubjectRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def get(self, subject_id: int) -> Subject:
        subject = await self._s.get(Subject, subject_id)
        if subject is None:
            raise NotFound(f"subject {subject_id}")
        return subject

    async def get_for_update(self, subject_id: int) -> Subject:
        stmt = select(Subject).where(Subject.id == subject_id).with_for_update()
        subject = await self._s.scalar(stmt)
        if subject is None:
            raise NotFound(f"subject {subject_id}")
        return subject

    async def count_enrolled(self, site_id: int) -> int:
        stmt = select(func.count()).select_from(Subject).where(Subject.site_id == site_id, Subject.status == "enrolled")
        return int(await self._s.scalar(stmt) or 0)

    async def next_subject_number(self, site_id: int) -> int:
        row = await self._s.execute(
            text("UPDATE sites SET last_subject_seq = last_subject_seq + 1 WHERE id = :site RETURNING last_subject_seq"),
            {"site": site_id},
        )
        return int(row.scalar_one())

    def add(self, subject: Subject) -> None:
        self._s.add(subject)

    async def list_for_site(self, site_id: int, statuses: Sequence[str] = ("screening", "enrolled")) -> list[Subject]:
        stmt = select(Subject).where(Subject.site_id == site_id, Subject.status.in_(statuses)).order_by(Subject.id)
        return list(await self._s.scalars(stmt))

    async def list_enrolled(self, study_id: int) -> list[Subject]:
        stmt = select(Subject).where(Subject.study_id == study_id, Subject.status == "enrolled")
        return list(await self._s.scalars(stmt))

    async def page(self, study_id: int, after_id: int, limit: int) -> list[Subject]:
        stmt = (
            select(Subject)
            .where(Subject.study_id == study_id, Subject.id > after_id)
            .order_by(Subject.id)
            .limit(limit)
        )
        return list(await self._s.scalars(stmt))

    async def counts_by_site(self, study_id: int) -> dict[int, dict[str, int]]:
        stmt = (
            select(Subject.site_id, Subject.status, func.count())
            .where(Subject.study_id == study_id)
            .group_by(Subject.site_id, Subject.status)
        )
        counts: dict[int, dict[str, int]] = {}
        for site_id, status, n in await self._s.execute(stmt):
            counts.setdefault(site_id, {})[status] = n
        return counts
