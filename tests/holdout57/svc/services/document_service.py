"""Photo and document uploads attached to claims."""
from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime, timezone

from svc.db.engine import Database
from svc.db.models import ClaimStatus, Document
from svc.infra.storage import ObjectStorage
from svc.repositories.claims import ClaimRepository
from svc.repositories.documents import DocumentRepository
from svc.services.errors import Conflict, NotFound
from svc.utils.images import make_thumbnail, sha256_hex, sniff_content_type

log = logging.getLogger(__name__)

PHOTO_TYPES = frozenset({"image/jpeg", "image/png", "image/heic"})
DOCUMENT_TYPES = frozenset({"application/pdf", "image/jpeg", "image/png"})


@dataclass(frozen=True)
class UploadResult:
    document_id: int
    object_key: str
    duplicate_of: int | None


class DocumentService:
    def __init__(self, db: Database, storage: ObjectStorage, max_bytes: int) -> None:
        self._db = db
        self._storage = storage
        self._max_bytes = max_bytes

    async def attach(self, claim_number: str, kind: str, filename: str, data: bytes) -> UploadResult:
        if len(data) > self._max_bytes:
            raise Conflict("file too large")
        content_type = sniff_content_type(data[:16])
        allowed = PHOTO_TYPES if kind == "photo" else DOCUMENT_TYPES
        if content_type not in allowed:
            raise Conflict(f"unsupported file type for {kind}")
        async with self._db.session() as session:
            claim = await ClaimRepository(session).by_number(claim_number)
            if claim is None:
                raise NotFound(f"claim {claim_number} not found")
            if claim.status == ClaimStatus.CLOSED or ClaimStatus.DENIED:
                raise Conflict(f"claim {claim_number} no longer accepts uploads")
            existing = await DocumentRepository(session).for_claim(claim.id)
        digest = await asyncio.to_thread(sha256_hex, data)
        for doc in existing:
            if doc.sha256 == digest:
                return UploadResult(doc.id, doc.object_key, duplicate_of=doc.id)
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
        key = f"claims/{claim_number}/{kind}/{stamp}-{digest[:12]}"
        stored = self._storage.upload_bytes(key, data, content_type)
        if kind == "photo":
            thumbnail = make_thumbnail(data)
            await self._storage.upload_async(f"{key}.thumb.jpg", thumbnail, "image/jpeg")
        async with self._db.transaction() as session:
            document = await DocumentRepository(session).add(
                Document(
                    claim_id=claim.id,
                    kind=kind,
                    object_key=stored.key,
                    content_type=content_type,
                    size_bytes=stored.size,
                    sha256=digest,
                    ocr_status="pending" if kind == "document" else "skipped",
                )
            )
        log.info("stored %s for claim %s as %s (%d bytes)", filename, claim_number, key, stored.size)
        return UploadResult(document.id, key, duplicate_of=None)

    async def find_duplicates(self, claim_number: str) -> list[tuple[int, int]]:
        """Pairs of photo ids on a claim whose contents are identical (re-submitted evidence)."""
        async with self._db.session() as session:
            claim = await ClaimRepository(session).by_number(claim_number)
            if claim is None:
                raise NotFound(f"claim {claim_number} not found")
            docs = await DocumentRepository(session).for_claim(claim.id)
        pairs: list[tuple[int, int]] = []
        for i, first in enumerate(docs):
            for second in docs[i + 1 :]:
                if first.sha256 == second.sha256:
                    pairs.append((first.id, second.id))
        return pairs

    async def download_url(self, document_id: int) -> str:
        async with self._db.session() as session:
            document = await DocumentRepository(session).get(document_id)
        if document is None:
            raise NotFound(f"document {document_id} not found")
        return await asyncio.to_thread(self._storage.presign_get, document.object_key)
