"""Chunked upload of insurance card images from the mobile app."""
from __future__ import annotations

import hashlib
import uuid

from svc.errors import NotFound


class InsuranceCardUploads:
    """The app sends the image in chunks of up to 256 KiB, one request per chunk."""

    max_chunks = 40

    def __init__(self) -> None:
        self._parts: dict[str, list[bytes]] = {}

    def begin(self) -> str:
        upload_id = uuid.uuid4().hex
        self._parts[upload_id] = []
        return upload_id

    def append(self, upload_id: str, chunk: bytes) -> int:
        parts = self._parts.get(upload_id)
        if parts is None:
            raise NotFound(f"upload {upload_id} not found")
        if len(parts) >= self.max_chunks:
            raise ValueError("too many chunks")
        parts.append(chunk)
        return len(parts)

    def finish(self, upload_id: str) -> tuple[bytes, str]:
        parts = self._parts.pop(upload_id, None)
        if parts is None:
            raise NotFound(f"upload {upload_id} not found")
        blob = b"".join(parts)
        return blob, hashlib.sha256(blob).hexdigest()


uploads = InsuranceCardUploads()
