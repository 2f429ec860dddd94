"""Document vault: uploads, downloads, share links and search."""
from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import secrets

import redis.asyncio as aioredis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from lexdesk.clients.storage import VaultStorage
from lexdesk.errors import NotFound
from lexdesk.models import Document
from lexdesk.repositories.documents import DocumentRepository
from lexdesk.repositories.matters import MatterRepository
from lexdesk.security import Principal, hash_share_password
from lexdesk.services.activity import ActivityService
from lexdesk.services.ocr import OcrQueue

log = logging.getLogger(__name__)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class DocumentService:
    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], storage: VaultStorage,
        redis: aioredis.Redis, activity: ActivityService, ocr_queue: OcrQueue,
    ) -> None:
        self._sessions = sessions
        self._storage = storage
        self._redis = redis
        self._activity = activity
        self._ocr_queue = ocr_queue

    async def _load(self, session: AsyncSession, principal: Principal, document_id: int) -> Document:
        doc = await DocumentRepository(session).get(document_id)
        if doc is None or doc.firm_id != principal.firm_id:
            raise NotFound("document", document_id)
        return doc

    async def upload(
        self, principal: Principal, matter_id: int, filename: str, content_type: str, data: bytes
    ) -> tuple[Document, bool]:
        digest = await asyncio.to_thread(sha256_hex, data)
        async with self._sessions() as session:
            matter = await MatterRepository(session).get(matter_id)
            if matter is None or matter.firm_id != principal.firm_id:
                raise NotFound("matter", matter_id)
            repo = DocumentRepository(session)
            existing = await repo.find_duplicate(principal.firm_id, digest)
            if existing is not None and existing.matter_id == matter_id:
                return existing, False
            key = self._storage.put_bytes(principal.firm_id, matter_id, filename, data, content_type)
            doc = repo.add(
                Document(
                    firm_id=principal.firm_id, matter_id=matter_id, filename=filename,
                    content_type=content_type, storage_key=key, sha256=digest, size_bytes=len(data),
                    uploaded_by=principal.user_id,
                )
            )
            try:
                await session.commit()
            except BaseException:
                await asyncio.to_thread(self._storage.delete, key)
                raise

        await self._ocr_queue.enqueue(doc.id)
        await self._activity.publish(
            matter_id,
            {"type": "document.uploaded", "document_id": doc.id, "filename": filename, "actor_id": principal.user_id},
        )
        return doc, True

    async def download_url(self, principal: Principal, document_id: int) -> str:
        async with self._sessions() as session:
            doc = await self._load(session, principal, document_id)
        return self._storage.presigned_url(doc.storage_key, doc.filename, expires=300)

    async def create_share_link(self, principal: Principal, document_id: int, password: str, ttl_hours: int) -> str:
        async with self._sessions() as session:
            doc = await self._load(session, principal, document_id)
        token = secrets.token_urlsafe(24)
        record = {
            "document_id": doc.id,
            "firm_id": doc.firm_id,
            "password": hash_share_password(password),
            "created_by": principal.user_id,
        }
        await self._redis.set(f"share:{token}", json.dumps(record), ex=ttl_hours * 3600)
        log.info("share link created", extra={"document_id": doc.id, "ttl_hours": ttl_hours})
        return token

    async def search(self, principal: Principal, query: str) -> list[dict]:
        async with self._sessions() as session:
            return await DocumentRepository(session).search(principal.firm_id, query)

    async def quick_search(self, principal: Principal, term: str) -> list[dict]:
        async with self._sessions() as session:
            return await DocumentRepository(session).quick_search(principal.firm_id, term.strip())
