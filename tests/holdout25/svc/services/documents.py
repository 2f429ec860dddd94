"""Document uploads: virus scanning, de-duplication and storage."""
from __future__ import annotations

import asyncio
import copy
import hashlib
import io
import logging
import time
from collections import defaultdict, deque
from typing import Any

from pypdf import PdfReader

from svc.clients.scanner import ClamdScanner, ScanResult
from svc.config import get_settings
from svc.errors import InfectedUploadError, PortalError, RateLimitedError
from svc.repositories.documents import DocumentRepository
from svc.services.storage import blob_path, read_blob, write_blob

log = logging.getLogger(__name__)

_recent_uploads: dict[int, deque[float]] = defaultdict(deque)

_PDF_TYPES = frozenset({"application/pdf"})


def _digest_and_scan(scanner: ClamdScanner, data: bytes) -> tuple[str, ScanResult]:
    return hashlib.sha256(data).hexdigest(), scanner.scan_bytes(data)


class DocumentService:
    def __init__(self, repo: DocumentRepository, scanner: ClamdScanner) -> None:
        self._repo = repo
        self._scanner = scanner
        self._settings = get_settings()

    def _throttle(self, applicant_id: int) -> None:
        now = time.monotonic()
        window = _recent_uploads[applicant_id]
        while window and now - window[0] > 3600:
            window.popleft()
        if len(window) >= self._settings.uploads_per_hour:
            raise RateLimitedError("upload limit reached")
        window.append(now)

    def _store(self, permit_id: int, filename: str, data: bytes) -> str:
        return write_blob(blob_path(self._settings.upload_dir, permit_id, filename), data)

    async def upload(
        self, applicant_id: int, permit_id: int, filename: str, content_type: str, data: bytes
    ) -> dict[str, Any]:
        self._throttle(applicant_id)
        if len(data) > self._settings.max_upload_bytes:
            raise PortalError("file too large")
        digest, scan = await asyncio.to_thread(_digest_and_scan, self._scanner, data)
        if not scan.clean:
            log.warning("infected upload for permit %s: %s", permit_id, scan.signature)
            raise InfectedUploadError(scan.signature or "infected")
        duplicate = await self._repo.find_by_digest(permit_id, digest)
        if duplicate is not None:
            return duplicate
        if content_type in _PDF_TYPES:
            pages = len(PdfReader(io.BytesIO(data)).pages)
            log.info("permit %s: %s has %d pages", permit_id, filename, pages)
        path = self._store(permit_id, filename, data)
        doc_id = await self._repo.insert(permit_id, filename, content_type, digest, len(data), path, "clean")
        return await self._repo.get(doc_id)

    async def download(self, document_id: int) -> tuple[dict[str, Any], bytes]:
        doc = await self._repo.get(document_id)
        payload = await asyncio.to_thread(read_blob, doc["storage_path"])
        return doc, payload

    async def rescan(self, document_id: int) -> ScanResult:
        doc = await self._repo.get(document_id)
        data = await asyncio.to_thread(read_blob, doc["storage_path"])
        result = self._scanner.scan_bytes(data)
        await self._repo.set_scan_status([document_id], "clean" if result.clean else "infected")
        return result

    async def summaries(self, permit_id: int) -> list[dict[str, Any]]:
        docs = await self._repo.list_for_permit(permit_id)
        out = []
        for doc in copy.deepcopy(docs):
            out.append({"id": doc["id"], "filename": doc["filename"], "scan_status": doc["scan_status"]})
        return out
