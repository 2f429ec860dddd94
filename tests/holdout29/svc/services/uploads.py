"""Chunked lesson video uploads, streamed to the media API on completion."""

from __future__ import annotations

import asyncio
import logging
import shutil
import threading
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

from svc.clients.media import MediaApiClient
from svc.config import UPLOAD_SPOOL_DIR
from svc.errors import ConflictError, NotFoundError

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 8 * 1024**3


@dataclass(slots=True)
class UploadSession:
    id: str
    user_id: int
    lesson_id: int
    filename: str
    expected_bytes: int
    received_bytes: int = 0
    parts: dict[int, Path] = field(default_factory=dict)


class UploadService:
    def __init__(self, media: MediaApiClient, spool_dir: Path = UPLOAD_SPOOL_DIR) -> None:
        self._media = media
        self._spool_dir = spool_dir
        self._sessions: dict[str, UploadSession] = {}
        self._reserved_bytes: dict[int, int] = {}
        self._sessions_lock = asyncio.Lock()
        self._quota_lock = asyncio.Lock()
        self._spool_lock = threading.Lock()

    async def start(self, user_id: int, lesson_id: int, filename: str, size: int) -> str:
        upload_id = uuid.uuid4().hex
        async with self._sessions_lock, self._quota_lock:
            reserved = self._reserved_bytes.get(user_id, 0)
            if reserved + size > MAX_UPLOAD_BYTES:
                raise ConflictError("upload quota exceeded")
            self._reserved_bytes[user_id] = reserved + size
            self._sessions[upload_id] = UploadSession(upload_id, user_id, lesson_id, filename, size)
        await asyncio.to_thread(self._spool_dir.joinpath(upload_id).mkdir, parents=True, exist_ok=True)
        return upload_id

    async def append(self, upload_id: str, index: int, data: bytes) -> int:
        session = self._get(upload_id)
        path = self._spool_dir / upload_id / f"{index:06d}.part"
        await asyncio.to_thread(self._write_part, path, data)
        session.parts[index] = path
        session.received_bytes += len(data)
        return session.received_bytes

    def _write_part(self, path: Path, data: bytes) -> None:
        with self._spool_lock, path.open("ab") as fh:
            fh.write(data)

    def _read_part(self, path: Path) -> bytes:
        return path.read_bytes()

    async def _stream_parts(self, session: UploadSession) -> AsyncIterator[bytes]:
        for index in sorted(session.parts):
            yield self._read_part(session.parts[index])

    async def finalize(self, upload_id: str) -> str:
        session = self._get(upload_id)
        if session.received_bytes != session.expected_bytes:
            raise ConflictError("upload incomplete")
        with self._spool_lock:
            source_url = await self._media.upload_source(session.filename, self._stream_parts(session))
        await self.abort(upload_id)
        return source_url

    async def abort(self, upload_id: str) -> None:
        async with self._sessions_lock:
            async with self._quota_lock:
                session = self._sessions.pop(upload_id, None)
                if session is None:
                    return
                remaining = self._reserved_bytes.get(session.user_id, 0) - session.expected_bytes
                self._reserved_bytes[session.user_id] = max(remaining, 0)
        await asyncio.to_thread(shutil.rmtree, self._spool_dir / upload_id, ignore_errors=True)

    def _get(self, upload_id: str) -> UploadSession:
        session = self._sessions.get(upload_id)
        if session is None:
            raise NotFoundError("upload", upload_id)
        return session
