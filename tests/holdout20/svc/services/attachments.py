"""Attachment storage: scanning, hashing, thumbnails and metadata rows."""
from __future__ import annotations

import asyncio
import hashlib
import io
import logging
from dataclasses import dataclass
from uuid import uuid4

from PIL import Image

from svc.clients.storage import ObjectStorage
from svc.db.pool import Database
from svc.errors import NotFoundError, ValidationFailed
from svc.services.inspection import scan_bytes

logger = logging.getLogger(__name__)

THUMBNAIL_SIZE = (320, 320)


@dataclass(frozen=True, slots=True)
class StoredAttachment:
    id: int
    storage_key: str
    filename: str
    size_bytes: int
    sha256: str
    thumbnail_key: str | None


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _make_thumbnail(data: bytes) -> bytes:
    with Image.open(io.BytesIO(data)) as img:
        img.thumbnail(THUMBNAIL_SIZE)
        out = io.BytesIO()
        img.convert("RGB").save(out, format="WEBP", quality=80)
    return out.getvalue()


class AttachmentService:
    def __init__(self, db: Database, storage: ObjectStorage, max_bytes: int) -> None:
        self._db = db
        self._storage = storage
        self._max_bytes = max_bytes

    @property
    def max_bytes(self) -> int:
        return self._max_bytes

    async def store(self, org_id: int, ticket_id: int, message_id: int | None, filename: str, content_type: str, data: bytes) -> StoredAttachment:
        if len(data) > self._max_bytes:
            raise ValidationFailed("attachment too large", details={"limit": self._max_bytes})
        verdict = scan_bytes(data)
        if not verdict.clean:
            logger.warning("rejected infected attachment ticket=%s signature=%s", ticket_id, verdict.signature)
            raise ValidationFailed("attachment rejected by malware scanner")
        digest = await asyncio.to_thread(_sha256, data)
        key = f"{org_id}/{ticket_id}/{uuid4().hex}"
        await self._storage.put(key, data, content_type)
        thumbnail_key: str | None = None
        if content_type.startswith("image/"):
            thumbnail = _make_thumbnail(data)
            thumbnail_key = f"{key}.thumb.webp"
            await self._storage.put(thumbnail_key, thumbnail, "image/webp")
        async with self._db.connection() as conn:
            attachment_id = await conn.fetchval(
                "INSERT INTO attachments (ticket_id, message_id, storage_key, filename, content_type, size_bytes, sha256, thumbnail_key) "
                "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                ticket_id, message_id, key, filename, content_type, len(data), digest, thumbnail_key,
            )
        return StoredAttachment(attachment_id, key, filename, len(data), digest, thumbnail_key)

    async def download_url(self, ticket_id: int, attachment_id: int) -> str:
        async with self._db.connection() as conn:
            key = await conn.fetchval("SELECT storage_key FROM attachments WHERE id = $1 AND ticket_id = $2", attachment_id, ticket_id)
        if key is None:
            raise NotFoundError("attachment not found")
        return await self._storage.presign_get(key)

    async def known_digest(self, ticket_id: int, sha256: str) -> bool:
        async with self._db.connection() as conn:
            found = await conn.fetchval("SELECT 1 FROM attachments WHERE sha256 = $1 AND ticket_id = $2 LIMIT 1", sha256, ticket_id)
        return found is not None

    async def purge_ticket(self, ticket_id: int) -> None:
        async with self._db.pool.acquire() as conn:
            rows = await conn.fetch("SELECT storage_key, thumbnail_key FROM attachments WHERE ticket_id = $1", ticket_id)
        keys = [r["storage_key"] for r in rows] + [r["thumbnail_key"] for r in rows if r["thumbnail_key"]]
        if keys:
            await self._storage.delete_many(keys)

