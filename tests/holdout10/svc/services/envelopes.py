"""Envelope lifecycle: drafts, documents, listings and monthly quotas."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any
from uuid import UUID

from redis.asyncio import Redis
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from svc import errors
from svc.config import settings
from svc.db.models import Document, Envelope, Signer
from svc.repositories.envelopes import EnvelopeRepository
from svc.repositories.signers import SignerRepository
from svc.services.documents import DocumentService

_QUOTA_TTL = 40 * 86400


class QuotaService:
    def __init__(self, redis: Redis, limit: int = settings.monthly_envelope_quota) -> None:
        self._redis = redis
        self._limit = limit

    @staticmethod
    def _key(account_id: UUID) -> str:
        return f"quota:{account_id}:{datetime.now(timezone.utc):%Y%m}"

    async def consume(self, account_id: UUID) -> None:
        key = self._key(account_id)
        used = int(await self._redis.get(key) or 0)
        if used >= self._limit:
            raise errors.QuotaExceededError(f"monthly limit of {self._limit} envelopes reached")
        await self._redis.incr(key)
        await self._redis.expire(key, _QUOTA_TTL)


class EnvelopeService:
    def __init__(
        self, session: AsyncSession, envelopes: EnvelopeRepository, signers: SignerRepository, documents: DocumentService, quota: QuotaService
    ) -> None:
        self._session = session
        self._envelopes = envelopes
        self._signers = signers
        self._documents = documents
        self._quota = quota

    async def create_draft(
        self, account_id: UUID, sender_email: str, subject: str, message: str | None, signers: list[dict[str, Any]],
        external_ref: str | None = None, template: dict[str, Any] | None = None,
    ) -> Envelope:
        await self._quota.consume(account_id)
        documents = []
        if template is not None:
            documents.append(Document(filename=f"{template['name']}.pdf", storage_key=template["document_key"], sha256="", page_count=template["page_count"], size_bytes=0))
        envelope = Envelope(
            account_id=account_id, sender_email=sender_email.lower(), subject=subject, message=message, external_ref=external_ref,
            documents=documents, signers=[Signer(**{**s, "email": s["email"].lower()}) for s in signers],
        )
        self._session.add(envelope)
        await self._session.commit()
        return envelope

    async def add_document(self, account_id: UUID, envelope_id: UUID, filename: str, data: bytes) -> Document:
        envelope = await self._envelopes.require(account_id, envelope_id)
        if envelope["status"] != "draft":
            raise errors.EnvelopeLocked("documents can only be added to drafts")
        key, info = await self._documents.ingest(envelope_id, data)
        document = Document(envelope_id=envelope_id, filename=filename, storage_key=key, sha256=info.sha256, page_count=info.pages, size_bytes=len(data))
        self._session.add(document)
        await self._session.commit()
        return document

    async def get_detail(self, account_id: UUID, envelope_id: UUID) -> Envelope:
        stmt = select(Envelope).where(Envelope.id == envelope_id, Envelope.account_id == account_id)
        stmt = stmt.options(selectinload(Envelope.signers), selectinload(Envelope.documents))
        envelope = await self._session.scalar(stmt)
        if envelope is None:
            raise errors.NotFoundError("envelope not found")
        return envelope

    async def list_with_progress(self, account_id: UUID, before: tuple[datetime, UUID] | None, limit: int) -> list[dict[str, Any]]:
        rows = await self._envelopes.list_page(account_id, before, limit)
        summaries: list[dict[str, Any]] = []
        for row in rows:
            signers = await self._signers.list_for_envelope(row["id"])
            signed = sum(1 for s in signers if s["status"] == "signed")
            summaries.append({"id": str(row["id"]), "subject": row["subject"], "status": row["status"], "signed": signed, "total": len(signers)})
        return summaries

    async def find_by_sender(self, sender_email: str) -> list[Envelope]:
        stmt = select(Envelope).where(Envelope.sender_email == sender_email.lower()).order_by(Envelope.created_at.desc()).limit(100)
        return list(await self._session.scalars(stmt))
