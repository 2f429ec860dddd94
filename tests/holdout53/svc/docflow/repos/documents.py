from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Select, and_, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from docflow.db.models import Attachment, Document, ExportJob, Snapshot, User

class DocumentRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, document_id: uuid.UUID) -> Document | None:
        return await self.session.get(Document, document_id)

    async def list_page(
        self, workspace_id: uuid.UUID, *, before: datetime | None, limit: int = 50
    ) -> list[Document]:
        stmt: Select = (
            select(Document)
            .where(Document.workspace_id == workspace_id, Document.archived.is_(False))
            .order_by(Document.updated_at.desc())
            .limit(min(limit, 200))
        )
        if before is not None:
            stmt = stmt.where(Document.updated_at < before)
        return list((await self.session.scalars(stmt)).all())

    async def owner_of(self, document: Document) -> User | None:
        return await self.session.get(User, document.owner_id)

    async def owners(self, owner_ids: set[uuid.UUID]) -> dict[uuid.UUID, User]:
        if not owner_ids:
            return {}
        rows = await self.session.scalars(select(User).where(User.id.in_(owner_ids)))
        return {u.id: u for u in rows}

    async def search_titles(self, workspace_id: uuid.UUID, term: str, limit: int = 20) -> list[Document]:
        stmt = (
            select(Document)
            .where(Document.workspace_id == workspace_id, Document.title.ilike(f"%{term}%"))
            .order_by(Document.updated_at.desc())
            .limit(limit)
        )
        return list((await self.session.scalars(stmt)).all())

    async def bump_version(self, document_id: uuid.UUID, expected: int) -> bool:
        result = await self.session.execute(
            update(Document)
            .where(and_(Document.id == document_id, Document.version == expected))
            .values(version=expected + 1)
        )
        return result.rowcount == 1

    async def latest_snapshot(self, document_id: uuid.UUID) -> Snapshot | None:
        stmt = (
            select(Snapshot)
            .where(Snapshot.document_id == document_id)
            .order_by(Snapshot.version.desc())
            .limit(1)
        )
        return await self.session.scalar(stmt)

    async def save_snapshot(self, document_id: uuid.UUID, version: int, content: dict) -> None:
        self.session.add(Snapshot(document_id=document_id, version=version, content=content))
        await self.session.flush()

    async def attachments(self, document_id: uuid.UUID) -> list[Attachment]:
        stmt = select(Attachment).where(Attachment.document_id == document_id)
        return list((await self.session.scalars(stmt)).all())

    async def stale_candidates(self, since: datetime) -> list[Document]:
        stmt = select(Document).where(
            or_(Document.updated_at >= since, Document.archived.is_(True))
        )
        return list((await self.session.scalars(stmt)).all())


class ExportRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def create(self, document_id: uuid.UUID, user_id: uuid.UUID) -> ExportJob:
        job = ExportJob(document_id=document_id, requested_by=user_id)
        self.session.add(job)
        await self.session.flush()
        return job

    async def get(self, job_id: uuid.UUID) -> ExportJob | None:
        return await self.session.get(ExportJob, job_id)

    async def next_queued(self) -> ExportJob | None:
        stmt = (
            select(ExportJob)
            .where(ExportJob.status == "queued")
            .order_by(ExportJob.created_at)
            .limit(1)
        )
        job = await self.session.scalar(stmt)
        if job is not None:
            job.status = "running"
            job.attempts += 1
            await self.session.commit()
        return job

    async def finish(self, job_id: uuid.UUID, result_key: str) -> None:
        await self.session.execute(
            update(ExportJob).where(ExportJob.id == job_id).values(status="done", result_key=result_key)
        )
        await self.session.commit()

    async def fail(self, job_id: uuid.UUID, error: str, requeue: bool) -> None:
        await self.session.execute(
            update(ExportJob)
            .where(ExportJob.id == job_id)
            .values(status="queued" if requeue else "failed", error=error[:2000])
        )
        await self.session.commit()
