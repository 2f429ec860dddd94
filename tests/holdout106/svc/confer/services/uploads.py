from __future__ import annotations

import asyncio
import logging
import os
import secrets
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..clients.storage import ObjectStorage
from ..core.errors import DomainError, NotFound
from ..core.settings import Settings
from ..repositories.submissions import SubmissionRepository
from ..core import pdf

log = logging.getLogger(__name__)


@dataclass
class UploadState:
    submission_id: int
    path: str
    expected: int
    received: int = 0


# Resumable uploads: token -> state of the partially received file.
_UPLOAD_SESSIONS: dict[str, UploadState] = {}


def _append(path: str, chunk: bytes) -> None:
    with open(path, "ab") as fh:
        fh.write(chunk)


class UploadService:
    def __init__(self, storage: ObjectStorage, repo: SubmissionRepository, settings: Settings) -> None:
        self.storage = storage
        self.repo = repo
        self.max_bytes = settings.upload_max_bytes

    async def begin(self, submission_id: int, total_size: int) -> str:
        if total_size > self.max_bytes:
            raise DomainError("file too large")
        fd, path = tempfile.mkstemp(prefix=f"sub{submission_id}-", suffix=".pdf")
        os.close(fd)
        token = secrets.token_urlsafe(18)
        _UPLOAD_SESSIONS[token] = UploadState(submission_id=submission_id, path=path, expected=total_size)
        return token

    async def append_chunk(self, token: str, chunk: bytes) -> int:
        state = _UPLOAD_SESSIONS.get(token)
        if state is None:
            raise NotFound("upload session")
        if state.received + len(chunk) > state.expected:
            raise DomainError("more data than announced")
        await asyncio.to_thread(_append, state.path, chunk)
        state.received += len(chunk)
        return state.received

    async def complete(self, token: str) -> dict:
        state = _UPLOAD_SESSIONS.pop(token, None)
        if state is None:
            raise NotFound("upload session")
        if state.received != state.expected:
            raise DomainError("upload incomplete")
        return await self.store_pdf(state.submission_id, state.path)

    async def store_pdf(self, submission_id: int, path: str) -> dict:
        try:
            sha = pdf.sha256_of_file(path)
            pages = await asyncio.to_thread(pdf.count_pages, path)
            if pages == 0:
                raise DomainError("not a PDF")
            data = await asyncio.to_thread(Path(path).read_bytes)
            key = f"submissions/{submission_id}/{sha}.pdf"
            await self.storage.put_object(key, data)
            await self.repo.set_pdf(submission_id, key, sha)
        finally:
            await asyncio.to_thread(os.remove, path)
        log.info("stored pdf for submission %s (%d pages)", submission_id, pages)
        return {"key": key, "sha256": sha, "pages": pages}
