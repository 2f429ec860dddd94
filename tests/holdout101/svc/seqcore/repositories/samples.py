from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from seqcore.db.models import Sample, Submission


class SampleRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def create_submission(self, lab_id: uuid.UUID, filename: str, checksum: str) -> Submission:
        stmt = (
            pg_insert(Submission)
            .values(id=uuid.uuid4(), lab_id=lab_id, filename=filename, checksum=checksum)
            .on_conflict_do_update(
                index_elements=["lab_id", "checksum"], set_={"filename": filename}
            )
            .returning(Submission)
        )
        return (await self._session.scalars(stmt)).one()

    async def add_many(self, submission_id: uuid.UUID, lab_id: uuid.UUID, rows: Iterable[dict]) -> list[Sample]:
        samples = [Sample(submission_id=submission_id, lab_id=lab_id, **row) for row in rows]
        self._session.add_all(samples)
        await self._session.flush()
        return samples

    async def get_by_ids(self, sample_ids: list[uuid.UUID]) -> list[Sample]:
        if not sample_ids:
            return []
        return list(await self._session.scalars(select(Sample).where(Sample.id.in_(sample_ids))))

    async def list_for_lab(self, lab_id: uuid.UUID, status: str | None, limit: int = 200) -> list[Sample]:
        stmt = select(Sample).where(Sample.lab_id == lab_id)
        if status:
            stmt = stmt.where(Sample.status == status)
        return list(await self._session.scalars(stmt.order_by(Sample.created_at.desc()).limit(limit)))

    async def search_by_name(self, lab_id: uuid.UUID, text: str, limit: int = 50) -> list[Sample]:
        stmt = (
            select(Sample)
            .where(func.lower(Sample.name).like(f"%{text.lower()}%"))
            .where(Sample.lab_id == lab_id)
            .limit(limit)
        )
        return list(await self._session.scalars(stmt))

    async def list_by_pool(self, pool_id: uuid.UUID) -> list[Sample]:
        return list(await self._session.scalars(select(Sample).where(Sample.pool_id == pool_id)))

    async def list_by_pools(self, pool_ids: list[uuid.UUID]) -> list[Sample]:
        return list(await self._session.scalars(select(Sample).where(Sample.pool_id.in_(pool_ids))))

    async def assign_pool(self, sample_ids: list[uuid.UUID], pool_id: uuid.UUID) -> None:
        await self._session.execute(
            update(Sample).where(Sample.id.in_(sample_ids)).values(pool_id=pool_id, status="pooled")
        )

    async def set_read_counts(self, counts: dict[uuid.UUID, int]) -> None:
        await self._session.execute(
            update(Sample),
            [{"id": sid, "read_count": n, "status": "sequenced"} for sid, n in counts.items()],
        )
