"""Bill of lading upload and OCR extraction."""
from __future__ import annotations

import asyncio
import json
import logging
import re

from sqlalchemy.ext.asyncio import AsyncSession

from freightline.clients.ocr import OcrClient, OcrError
from freightline.clients.storage import DocumentStorage
from freightline.db.models import Document
from freightline.repositories.documents import DocumentRepository

logger = logging.getLogger(__name__)

ALLOWED_TYPES = {"application/pdf", "image/jpeg", "image/png", "image/tiff"}
MAX_UPLOAD_BYTES = 25 * 1024 * 1024
_BOL_NUMBER = re.compile(r"\b(?:BOL|B/L)\s*#?\s*([A-Z0-9-]{6,20})\b", re.IGNORECASE)


class DocumentRejected(ValueError):
    pass


async def normalise_image(content: bytes) -> bytes:
    """Deskew and convert phone photos to greyscale TIFF before OCR."""
    proc = await asyncio.create_subprocess_exec(
        "convert", "-", "-deskew", "40%", "-colorspace", "Gray", "tiff:-",
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(proc.communicate(content), timeout=30)
    if proc.returncode != 0:
        raise DocumentRejected(f"image conversion failed: {err.decode(errors='replace')[:200]}")
    return out


def extract_fields(result: dict) -> dict:
    text = "\n".join(page.get("text", "") for page in result.get("pages", []))
    fields = {k: v.get("value") for k, v in result.get("fields", {}).items()}
    if "bol_number" not in fields:
        match = _BOL_NUMBER.search(text)
        if match:
            fields["bol_number"] = match.group(1)
    return fields


class DocumentService:
    def __init__(self, session: AsyncSession, storage: DocumentStorage, ocr: OcrClient) -> None:
        self._session = session
        self._repo = DocumentRepository(session)
        self._storage = storage
        self._ocr = ocr

    async def upload_bol(self, load_id: int, filename: str, content_type: str, content: bytes) -> Document:
        if content_type not in ALLOWED_TYPES:
            raise DocumentRejected(f"unsupported type {content_type}")
        if len(content) > MAX_UPLOAD_BYTES:
            raise DocumentRejected("file too large")
        key = DocumentStorage.key_for(load_id, "bol", content)
        self._storage.put(key, content, content_type)
        doc = Document(load_id=load_id, kind="bol", storage_key=key, status="uploaded")
        await self._repo.add(doc)
        await self._session.commit()
        return doc

    async def run_ocr(self, document_id: int, filename: str, content_type: str) -> None:
        doc = await self._repo.get(document_id)
        if doc is None:
            return
        content = await self._storage.get(doc.storage_key)
        if content_type.startswith("image/"):
            content = await normalise_image(content)
            content_type = "image/tiff"
        try:
            job = await self._ocr.submit(filename, content, content_type)
            await self._repo.set_job(document_id, job.job_id)
            done = await self._ocr.wait_for_result(job.job_id)
        except OcrError as exc:
            logger.warning("OCR failed for document %s: %s; queued for manual review", document_id, exc)
            await self._repo.mark_status(document_id, "manual_review")
            return
        if done.status != "succeeded" or done.result is None:
            self._repo.mark_status(document_id, "ocr_failed")
            return
        fields = extract_fields(done.result)
        await self._repo.mark_status(document_id, "extracted", extracted=json.dumps(fields))

    async def download_url(self, load_id: int) -> list[dict]:
        docs = await self._repo.for_load(load_id)
        urls = await asyncio.gather(*(self._storage.presigned_url(d.storage_key) for d in docs[:20]))
        return [{"id": d.id, "kind": d.kind, "status": d.status, "url": u} for d, u in zip(docs, urls)]
