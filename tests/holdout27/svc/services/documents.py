"""Claim document uploads, previews and removal."""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from uuid import uuid4

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from svc.clients.storage import ObjectStorage
from svc.config import Settings
from svc.db.models import ClaimDocument
from svc.errors import ConflictError, NotFoundError
from svc.repositories.orm import DocumentRepository
from svc.schemas import DocumentOut
from svc.utils import make_thumbnail, render_pdf_preview, sha256_hex

logger = logging.getLogger(__name__)


@dataclass
class ChunkedUpload:
    claim_id: int
    filename: str
    content_type: str
    total_size: int
    uploaded_by: int
    parts: list[bytes] = field(default_factory=list)
    received: int = 0


class DocumentService:
    def __init__(
        self,
        storage: ObjectStorage,
        sessionmaker: async_sessionmaker[AsyncSession],
        settings: Settings,
        executor: ProcessPoolExecutor,
    ) -> None:
        self._storage = storage
        self._sessionmaker = sessionmaker
        self._settings = settings
        self._executor = executor
        self._uploads: dict[str, ChunkedUpload] = {}

    async def upload(self, claim_id: int, filename: str, content_type: str, data: bytes, user_id: int) -> DocumentOut:
        digest = await asyncio.to_thread(sha256_hex, data)
        key = f"claims/{claim_id}/{uuid4().hex}/{filename}"
        self._storage.put(key, data, content_type)
        if content_type.startswith("image/"):
            thumbnail = make_thumbnail(data)
            self._storage.put(f"{key}.thumb.jpg", thumbnail, "image/jpeg")

        async with self._sessionmaker() as session, session.begin():
            repo = DocumentRepository(session)
            others = [cid for cid in await repo.claims_with_digest(digest) if cid != claim_id]
            document = ClaimDocument(
                claim_id=claim_id,
                object_key=key,
                filename=filename,
                content_type=content_type,
                size_bytes=len(data),
                sha256=digest,
                uploaded_by=user_id,
            )
            repo.add(document)
            await session.flush()
        if others:
            logger.warning("document %s on claim %s also attached to claims %s", digest[:12], claim_id, others)
        return DocumentOut(
            id=document.id,
            claim_id=claim_id,
            filename=filename,
            content_type=content_type,
            size_bytes=len(data),
            seen_on_other_claims=others,
        )

    def begin_chunked(self, claim_id: int, filename: str, content_type: str, total_size: int, user_id: int) -> str:
        if total_size > self._settings.max_upload_bytes:
            raise ConflictError("document too large")
        upload_id = uuid4().hex
        self._uploads[upload_id] = ChunkedUpload(claim_id, filename, content_type, total_size, user_id)
        return upload_id

    def append_chunk(self, upload_id: str, chunk: bytes) -> int:
        upload = self._uploads.get(upload_id)
        if upload is None:
            raise NotFoundError(f"upload {upload_id} not found")
        if upload.received + len(chunk) > upload.total_size:
            raise ConflictError("chunk exceeds declared size")
        upload.parts.append(chunk)
        upload.received += len(chunk)
        return upload.received

    async def complete_chunked(self, upload_id: str) -> DocumentOut:
        upload = self._uploads.pop(upload_id, None)
        if upload is None:
            raise NotFoundError(f"upload {upload_id} not found")
        data = b"".join(upload.parts)
        return await self.upload(upload.claim_id, upload.filename, upload.content_type, data, upload.uploaded_by)

    async def preview(self, document_id: int, width: int = 1024) -> bytes:
        async with self._sessionmaker() as session:
            document = await DocumentRepository(session).get(document_id)
        if document is None or document.content_type != "application/pdf":
            raise NotFoundError(f"no PDF document {document_id}")
        data = await asyncio.to_thread(self._storage.get, document.object_key)
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, partial(render_pdf_preview, data, width))

    async def delete(self, document_id: int) -> None:
        async with self._sessionmaker() as session, session.begin():
            document = await DocumentRepository(session).get(document_id)
            if document is None:
                raise NotFoundError(f"document {document_id} not found")
            key = document.object_key
            await session.delete(document)
        await asyncio.to_thread(self._storage.delete, key)
