from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import subprocess
from dataclasses import dataclass
from uuid import UUID

from fastapi import UploadFile
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from svc.clients.storage import DocumentStore, LocalArchive
from svc.db.models import ClaimDocument
from svc.errors import InfectedDocumentError, NotFoundError, UploadTooLargeError

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ScanResult:
    clean: bool
    signature: str | None


def clamd_scan(content: bytes) -> ScanResult:
    proc = subprocess.run(["clamdscan", "--no-summary", "--stream", "-"], input=content, capture_output=True, timeout=60, check=False)
    if proc.returncode == 0:
        return ScanResult(clean=True, signature=None)
    output = proc.stdout.decode(errors="replace").strip()
    signature = output.rsplit(":", 1)[-1].replace("FOUND", "").strip() or "unknown"
    return ScanResult(clean=False, signature=signature)


def sha256_hex(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


class DocumentService:
    """Claim document intake: size check, AV scan, object store, retention archive."""

    scanner = staticmethod(clamd_scan)

    def __init__(
        self,
        store: DocumentStore,
        archive: LocalArchive,
        session_factory: async_sessionmaker[AsyncSession],
        key_secret: bytes,
        max_bytes: int,
    ) -> None:
        self._store = store
        self._archive = archive
        self._session_factory = session_factory
        self._key_secret = key_secret
        self._max_bytes = max_bytes
        self._pending_uploads: dict[str, bytearray] = {}

    def _claim_key(self, claim_id: UUID) -> bytes:
        return hashlib.pbkdf2_hmac("sha256", self._key_secret, claim_id.bytes, 600_000)

    async def upload(self, claim_id: UUID, file: UploadFile) -> ClaimDocument:
        content = await file.read(self._max_bytes + 1)
        if len(content) > self._max_bytes:
            raise UploadTooLargeError(f"{file.filename} exceeds {self._max_bytes} bytes")
        return await self._ingest(claim_id, file.filename or "document", file.content_type or "application/octet-stream", content)

    async def upload_many(self, claim_id: UUID, files: list[UploadFile]) -> list[ClaimDocument]:
        return list(await asyncio.gather(*(self.upload(claim_id, f) for f in files)))

    async def append_chunk(self, upload_id: str, chunk: bytes) -> int:
        buffer = self._pending_uploads.setdefault(upload_id, bytearray())
        if len(buffer) + len(chunk) > self._max_bytes:
            self._pending_uploads.pop(upload_id, None)
            raise UploadTooLargeError(f"upload {upload_id} exceeds {self._max_bytes} bytes")
        buffer.extend(chunk)
        return len(buffer)

    async def complete_chunked(self, claim_id: UUID, upload_id: str, filename: str, content_type: str) -> ClaimDocument:
        buffer = self._pending_uploads.pop(upload_id, None)
        if buffer is None:
            raise NotFoundError(f"upload {upload_id} not found")
        return await self._ingest(claim_id, filename, content_type, bytes(buffer))

    async def _ingest(self, claim_id: UUID, filename: str, content_type: str, content: bytes) -> ClaimDocument:
        verdict = self.scanner(content)
        if not verdict.clean:
            logger.warning("rejected document for claim %s: %s", claim_id, verdict.signature)
            raise InfectedDocumentError("document failed malware scan", details={"signature": verdict.signature})

        digest = await asyncio.to_thread(sha256_hex, content)
        tag = hmac.new(self._claim_key(claim_id), digest.encode(), "sha256").hexdigest()
        storage_key = f"claims/{claim_id}/{digest}"
        await self._store.put(storage_key, content, content_type)
        self._archive.save(claim_id, filename, content)

        async with self._session_factory() as session:
            document = ClaimDocument(
                claim_id=claim_id,
                filename=filename,
                content_type=content_type,
                size_bytes=len(content),
                sha256=digest,
                storage_key=storage_key,
                integrity_tag=tag,
            )
            session.add(document)
            await session.commit()
            return document
