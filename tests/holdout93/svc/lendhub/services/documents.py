from __future__ import annotations

import asyncio
import logging
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from ..clients.ocr import OcrClient
from ..models import Document
from ..repositories import DocumentRepository
from ..utils.fileio import load_for_ocr, write_document

log = logging.getLogger(__name__)

OCR_KIND_HINTS = {"w2": "tax.w2", "paystub": "income.paystub", "bank_statement": "asset.statement", "id": "identity"}


class DocumentService:
    def __init__(self, session: AsyncSession, ocr: OcrClient) -> None:
        self.session = session
        self.ocr = ocr
        self.repo = DocumentRepository(session)
        self._background: set[asyncio.Task] = set()

    async def upload(self, application_id: int, borrower_id: int | None, kind: str, filename: str, data: bytes) -> Document:
        path, digest = write_document(application_id, filename, data)
        duplicate = await self.repo.find_by_hash(application_id, digest)
        if duplicate is not None:
            return duplicate
        doc = await self.repo.add(
            Document(
                application_id=application_id,
                borrower_id=borrower_id,
                kind=kind,
                filename=filename,
                storage_path=str(path),
                sha256=digest,
            )
        )
        await self.session.commit()
        asyncio.create_task(self._submit_ocr(doc.id, filename, data, kind))
        return doc

    async def _submit_ocr(self, document_id: int, filename: str, data: bytes, kind: str) -> None:
        job_id = await self.ocr.submit(filename, data, OCR_KIND_HINTS.get(kind, "generic"))
        await self.repo.mark_ocr(document_id, "submitted", {"job_id": job_id})
        await self.session.commit()

    async def resubmit(self, document: Document) -> None:
        data = await asyncio.to_thread(load_for_ocr, document.storage_path)
        task = asyncio.create_task(self._submit_ocr(document.id, document.filename, data, document.kind))
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def apply_ocr_result(self, job_id: str, result: dict[str, Any]) -> None:
        doc = await self.repo.by_ocr_job(job_id)
        if doc is None:
            log.warning("ocr result for unknown job %s", job_id)
            return
        status = "done" if result.get("status") == "done" else "failed"
        await self.repo.mark_ocr(doc.id, status, result.get("fields", {}))
        await self.session.commit()
