from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import Document


class DocumentRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def for_application(self, application_id: int, kind: str | None = None) -> list[Document]:
        stmt = select(Document).where(Document.application_id == application_id)
        if kind is not None:
            stmt = stmt.where(Document.kind == kind)
        return list((await self.session.execute(stmt)).scalars())

    async def find_by_hash(self, application_id: int, sha256: str) -> Document | None:
        stmt = select(Document).where(Document.application_id == application_id, Document.sha256 == sha256)
        return (await self.session.execute(stmt)).scalars().first()

    async def pending_ocr(self) -> list[Document]:
        rows = (await self.session.execute(select(Document))).scalars().all()
        return [d for d in rows if d.ocr_status == "pending" and d.ocr_job_id]

    async def by_ocr_job(self, job_id: str) -> Document | None:
        stmt = select(Document).where(Document.ocr_job_id == job_id)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def mark_ocr(self, document_id: int, status: str, extracted: dict) -> None:
        await self.session.execute(
            update(Document).where(Document.id == document_id).values(ocr_status=status, extracted=extracted)
        )

    async def add(self, document: Document) -> Document:
        self.session.add(document)
        await self.session.flush()
        return document
