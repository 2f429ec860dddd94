"""Applicant document uploads: pay stubs, IDs, references."""
from __future__ import annotations

import asyncio
import hashlib
import io
import logging
import os
from pathlib import Path
from typing import Final
import uuid
from uuid import UUID

from PIL import Image
from sqlalchemy.ext.asyncio import AsyncSession

from svc.cache import redis_holder
from svc.clients.internal import DocumentScanner
from svc.config import settings
from svc.db import applications_repo
from svc.db.models import Document
from svc.errors import DocumentRejected

log = logging.getLogger(__name__)

ALLOWED_CONTENT_TYPES: Final = frozenset({"application/pdf", "image/jpeg", "image/png"})


def _write_blob(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh:
        fh.write(data)


def _write_blob_atomic(path: Path, data: bytes) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".part")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return hashlib.sha256(data).hexdigest()


class ChunkedUploads:
    """Resumable uploads for large scans sent in several requests."""

    def __init__(self) -> None:
        self._parts: dict[str, bytearray] = {}

    def begin(self) -> str:
        upload_id = uuid.uuid4().hex
        self._parts[upload_id] = bytearray()
        return upload_id

    def append(self, upload_id: str, chunk: bytes) -> int:
        buffer = self._parts[upload_id]
        if len(buffer) + len(chunk) > settings.max_upload_bytes:
            raise DocumentRejected("upload too large")
        buffer.extend(chunk)
        return len(buffer)

    def finish(self, upload_id: str) -> bytes:
        return bytes(self._parts.pop(upload_id))


class DocumentService:
    def __init__(self, scanner: DocumentScanner) -> None:
        self._scanner = scanner
        self.chunks = ChunkedUploads()

    async def allow_upload(self, user_id: UUID, per_hour: int = 60) -> bool:
        if redis_holder.cache is None:
            return True
        key = f"uploads:{user_id}"
        async with redis_holder.cache.pipeline(transaction=True) as pipe:
            pipe.incr(key)
            pipe.expire(key, 3600, nx=True)
            count, _ = await pipe.execute()
        return int(count) <= per_hour

    async def store(self, session: AsyncSession, application_id: UUID, kind: str, content_type: str, data: bytes) -> Document:
        if content_type not in ALLOWED_CONTENT_TYPES:
            raise DocumentRejected(f"unsupported content type {content_type}")
        key = f"{application_id}/{uuid.uuid4().hex}"
        digest = await asyncio.to_thread(_write_blob_atomic, Path(settings.upload_dir) / key, data)
        verdict = await self._scanner.scan(key, content_type)
        if verdict != "clean":
            raise DocumentRejected("document failed the security scan")
        document = Document(application_id=application_id, kind=kind, storage_key=key, sha256=digest, scan_status=verdict)
        session.add(document)
        await session.commit()
        return document

    async def store_reference_letter(self, session: AsyncSession, application_id: UUID, text: str) -> Document:
        data = text.encode()
        key = f"{application_id}/letters/{uuid.uuid4().hex}.txt"
        _write_blob(Path(settings.upload_dir) / key, data)
        document = Document(application_id=application_id, kind="reference", storage_key=key, sha256=hashlib.sha256(data).hexdigest(), scan_status="clean")
        session.add(document)
        await session.commit()
        return document

    async def id_preview(self, data: bytes) -> bytes:
        image = Image.open(io.BytesIO(data))
        image.thumbnail((640, 640))
        out = io.BytesIO()
        image.convert("RGB").save(out, format="JPEG", quality=80)
        return out.getvalue()

    async def list_for_application(self, session: AsyncSession, application_id: UUID) -> list[dict[str, str]]:
        documents = await applications_repo.documents_for_application(session, application_id)
        return [{"id": str(d.id), "kind": d.kind, "scan_status": d.scan_status} for d in documents]
