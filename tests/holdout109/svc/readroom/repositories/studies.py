from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from readroom.models import Study


class StudyRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, study_id: int) -> Study | None:
        return await self.session.get(Study, study_id)

    async def get_many(self, study_ids: list[int]) -> dict[int, Study]:
        if not study_ids:
            return {}
        result = await self.session.execute(select(Study).where(Study.id.in_(study_ids)))
        return {s.id: s for s in result.scalars()}

    async def get_by_uid(self, study_uid: str) -> Study | None:
        result = await self.session.execute(select(Study).where(Study.study_instance_uid == study_uid))
        return result.scalar_one_or_none()

    async def insert_if_absent(self, values: dict) -> int | None:
        stmt = (
            insert(Study)
            .values(**values)
            .on_conflict_do_nothing(index_elements=[Study.study_instance_uid])
            .returning(Study.id)
        )
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def update_metadata(self, study_id: int, *, metadata: dict, num_series: int, num_instances: int,
                              thumbnail_path: str | None, status: str) -> None:
        await self.session.execute(
            update(Study)
            .where(Study.id == study_id)
            .values(
                metadata_json=metadata,
                num_series=num_series,
                num_instances=num_instances,
                thumbnail_path=thumbnail_path,
                status=status,
            )
        )

    async def search_by_patient_name(self, text: str, limit: int) -> list[Study]:
        stmt = (
            select(Study)
            .where(Study.patient_name.ilike(f"%{text}%"))
            .order_by(Study.received_at.desc())
            .limit(limit)
        )
        return list((await self.session.execute(stmt)).scalars())

    async def priors_for_patient(self, patient_id: int, before: datetime, limit: int) -> list[Study]:
        stmt = (
            select(Study)
            .where(Study.patient_id == patient_id, Study.study_date < before)
            .order_by(Study.study_date.desc())
            .limit(limit)
        )
        return list((await self.session.execute(stmt)).scalars())

    async def by_accession(self, accession: str) -> list[Study]:
        result = await self.session.execute(select(Study).where(Study.accession_number == accession))
        return list(result.scalars())

    async def ready_page(self, modality: str | None, after: tuple[datetime, int] | None, limit: int) -> list[Study]:
        stmt = select(Study).where(Study.status == "READY")
        if modality:
            stmt = stmt.where(Study.modality == modality)
        if after is not None:
            ts, last_id = after
            stmt = stmt.where((Study.received_at < ts) | ((Study.received_at == ts) & (Study.id < last_id)))
        stmt = stmt.order_by(Study.received_at.desc(), Study.id.desc()).limit(limit)
        return list((await self.session.execute(stmt)).scalars())
