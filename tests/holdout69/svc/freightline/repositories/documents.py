"""Document metadata persistence."""
from __future__ import annotations

from sqlalchemy import select, update

from freightline.db.models import Document
from freightline.repositories.base import Repository


class DocumentRepository(Repository[Document]):
    model = Document

    async def for_load(self, load_id: int, kind: str | None = None) -> list[Document]:
        stmt = select(Document).where(Document.load_id == load_id)
        if kind is not None:
            stmt = stmt.where(Document.kind == kind)
        return list((await self.session.execute(stmt.order_by(Document.uploaded_at))).scalars())

    async def mark_status(self, document_id: int, status: str, *, extracted: str | None = None) -> None:
        values: dict[str, object] = {"status": status}
        if extracted is not None:
            values["extracted"] = extracted
        await self.session.execute(update(Document).where(Document.id == document_id).values(**values))
        await self.session.commit()

    async def set_job(self, document_id: int, job_id: str) -> None:
        await self.session.execute(
            update(Document).where(Document.id == document_id).values(ocr_job_id=job_id, status="ocr_pending")
        )
        await self.session.commit()
