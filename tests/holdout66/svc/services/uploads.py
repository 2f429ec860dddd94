from __future__ import annotations

import asyncio
import logging
import uuid
from dataclasses import dataclass
from pathlib import Path

from fastapi import UploadFile

from svc.clients import storage
from svc.config import settings
from svc.errors import PodhostError
from svc.services.transcoding import TranscodingService
from svc.utils.audio import codec_of, duration_seconds, probe

log = logging.getLogger(__name__)

CHUNK_SIZE = 1024 * 1024
MAX_UPLOAD_BYTES = 2 * 1024 * 1024 * 1024
ALLOWED_SUFFIXES = {".mp3", ".wav", ".m4a", ".flac", ".aiff"}


@dataclass(slots=True)
class UploadResult:
    job_id: int
    size_bytes: int
    duration_seconds: int | None
    codec: str


class UploadTooLarge(PodhostError):
    status_code = 413
    code = "upload_too_large"


class UploadService:
    def __init__(self, transcoding: TranscodingService) -> None:
        self._transcoding = transcoding

    async def receive(self, episode_id: int, upload: UploadFile) -> UploadResult:
        suffix = Path(upload.filename or "").suffix.lower()
        if suffix not in ALLOWED_SUFFIXES:
            raise PodhostError(f"unsupported file type {suffix!r}")
        dest = Path(settings.upload_dir) / f"{episode_id}-{uuid.uuid4().hex}{suffix}"
        await asyncio.to_thread(dest.parent.mkdir, parents=True, exist_ok=True)

        size = 0
        fh = await asyncio.to_thread(dest.open, "wb")
        try:
            while chunk := await upload.read(CHUNK_SIZE):
                size += len(chunk)
                if size > MAX_UPLOAD_BYTES:
                    raise UploadTooLarge("uploads are limited to 2 GiB")
                await asyncio.to_thread(fh.write, chunk)
        finally:
            await asyncio.to_thread(fh.close)

        info = probe(str(dest))
        job_id = await self._transcoding.start(episode_id, str(dest))
        return UploadResult(job_id=job_id, size_bytes=size, duration_seconds=duration_seconds(info), codec=codec_of(info))

    async def discard_source(self, show_id: int, episode_id: int, filename: str) -> None:
        storage.delete_object(f"sources/{show_id}/{episode_id}/{filename}")
        log.info("discarded source %s for episode %s", filename, episode_id)
