from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import Document


class DocumentRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, document_id: int) -> Document | None:
        return await self._session.get(Document, document_id)

    async def for_claim(self, claim_id: int) -> list[Document]:
        rows = await self._session.execute(
            select(Document).where(Document.claim_id == claim_id).order_by(Document.uploaded_at)
        )
        return list(rows.scalars())

    async def add(self, document: Document) -> Document:
        self._session.add(document)
        await self._session.flush()
        return document

    async def pending_ocr(self, limit: int = 25) -> list[Document]:
        rows = await self._session.execute(
            select(Document)
            .where(Document.ocr_status == "pending", Document.kind == "document")
            .order_by(Document.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return list(rows.scalars())

    async def by_job(self, job_id: str) -> Document | None:
        rows = await self._session.execute(select(Document).where(Document.ocr_job_id == job_id))
        return rows.scalar_one_or_none()

    async def mark_ocr(self, document_id: int, status: str, job_id: str | None = None, text: str | None = None) -> None:
        values: dict = {"ocr_status": status}
        if job_id is not None:
            values["ocr_job_id"] = job_id
        if text is not None:
            values["ocr_text"] = text
        await self._session.execute(update(Document).where(Document.id == document_id).values(**values))
