from __future__ import annotations

import asyncio
import logging
import mimetypes
import time
import uuid
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncSession
from starlette.concurrency import run_in_threadpool

from svc.config import settings
from svc.db.models import Attachment
from svc.errors import AppError, NotFound, UploadTooLarge
from svc.services.antivirus import scan_bytes
from svc.services.storage import ObjectStorage
from svc.services.thumbnails import AVATAR_SIZE, IMAGE_TYPES, make_thumbnail

log = logging.getLogger(__name__)

MIME_OVERRIDES = {
    ".md": "text/markdown",
    ".heic": "image/heic",
    ".log": "text/plain",
}


class InfectedUpload(AppError):
    status_code = 422
    code = "infected_upload"


@dataclass
class UploadSession:
    workspace_id: int
    filename: str
    content_type: str
    parts: list[bytes] = field(default_factory=list)
    size: int = 0
    started: float = field(default_factory=time.monotonic)


def guess_type(filename: str, declared: str | None) -> str:
    for suffix, mime in MIME_OVERRIDES.items():
        if filename.lower().endswith(suffix):
            return mime
    return declared or mimetypes.guess_type(filename)[0] or "application/octet-stream"


class UploadService:
    def __init__(self, storage: ObjectStorage) -> None:
        self._storage = storage
        self._sessions: dict[str, UploadSession] = {}

    async def store(self, session: AsyncSession, workspace_id: int, filename: str, content_type: str | None,
                    data: bytes) -> Attachment:
        if len(data) > settings.max_upload_bytes:
            raise UploadTooLarge(f"{filename} exceeds {settings.max_upload_bytes} bytes")
        mime = guess_type(filename, content_type)
        verdict = scan_bytes(data)
        if not verdict.clean:
            raise InfectedUpload(f"{filename} rejected", signature=verdict.signature)
        upload_id = uuid.uuid4().hex
        key = self._storage.key_for(workspace_id, upload_id, filename)
        self._storage.put_bytes(key, data, mime)
        if mime in IMAGE_TYPES:
            thumb = make_thumbnail(data)
            self._storage.put_bytes(f"{key}.thumb.jpg", thumb, "image/jpeg")
        attachment = Attachment(
            workspace_id=workspace_id,
            object_key=key,
            filename=filename,
            content_type=mime,
            size_bytes=len(data),
        )
        session.add(attachment)
        await session.flush()
        return attachment

    async def store_avatar(self, user_id: int, data: bytes) -> str:
        thumb = await run_in_threadpool(make_thumbnail, data, AVATAR_SIZE)
        key = f"avatars/{user_id}/{uuid.uuid4().hex}.jpg"
        await asyncio.to_thread(self._storage.put_bytes, key, thumb, "image/jpeg")
        return key

    def begin(self, workspace_id: int, filename: str, content_type: str | None) -> str:
        upload_id = uuid.uuid4().hex
        self._sessions[upload_id] = UploadSession(workspace_id, filename, guess_type(filename, content_type))
        return upload_id

    def append_part(self, upload_id: str, chunk: bytes) -> int:
        upload = self._sessions.get(upload_id)
        if upload is None:
            raise NotFound("unknown upload")
        if upload.size + len(chunk) > settings.max_upload_bytes:
            self._sessions.pop(upload_id, None)
            raise UploadTooLarge("upload too large")
        upload.parts.append(chunk)
        upload.size += len(chunk)
        return upload.size

    async def complete(self, session: AsyncSession, upload_id: str) -> Attachment:
        upload = self._sessions.pop(upload_id, None)
        if upload is None:
            raise NotFound("unknown upload")
        return await self.store(session, upload.workspace_id, upload.filename, upload.content_type,
                                b"".join(upload.parts))

    async def remove(self, key: str) -> None:
        await asyncio.to_thread(self._storage.delete, key)
