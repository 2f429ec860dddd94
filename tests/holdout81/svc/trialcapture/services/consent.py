from __future__ import annotations

import asyncio
import io
import json
import logging
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from sqlalchemy.ext.asyncio import AsyncSession

from ..cache.redis import JsonCache
from ..clients.econsent import EConsentClient
from ..errors import EDCError, NotFound
from ..repositories.subjects import SubjectRepository
from ..security import CurrentUser
from .audit import AuditService

log = logging.getLogger(__name__)


class InvalidWebhook(EDCError):
    status_code = 400
    code = "invalid_webhook"


REQUIRED_CONSENT_PHRASES = ("voluntary participation", "right to withdraw", "data protection")


class ConsentService:
    def __init__(
        self,
        session: AsyncSession,
        subjects: SubjectRepository,
        client: EConsentClient,
        audit: AuditService,
        cache: JsonCache,
        template_dir: str,
    ) -> None:
        self._session = session
        self._subjects = subjects
        self._client = client
        self._audit = audit
        self._cache = cache
        self._template_dir = Path(template_dir)

    async def start(self, subject_id: int, signer_email: str, template_id: str, user: CurrentUser) -> dict[str, Any]:
        subject = await self._subjects.get(subject_id)
        envelope = await self._client.create_envelope(subject.screening_number, template_id, signer_email)
        subject.consent_envelope_id = envelope["id"]
        await self._session.commit()
        await self._audit.record(user.id, "consent.sent", "subject", subject.id, {"envelope": envelope["id"]})
        return {"envelope_id": envelope["id"], "status": envelope["status"]}

    async def status(self, subject_id: int) -> dict[str, Any]:
        subject = await self._subjects.get(subject_id)
        if not subject.consent_envelope_id:
            raise NotFound(f"no consent envelope for subject {subject_id}")
        cache_key = f"edc:envelope:{subject.consent_envelope_id}"
        cached = await self._cache.get(cache_key)
        if cached is not None:
            return cached
        envelope = await self._client.get_envelope(subject.consent_envelope_id)
        result = {"envelope_id": envelope["id"], "status": envelope["status"], "signed_at": envelope.get("completed_at")}
        await self._cache.set(cache_key, result, ttl=30)
        return result

    async def template_preview(self, template_id: str) -> str:
        path = self._template_dir / f"{Path(template_id).name}.html"
        return await asyncio.to_thread(open(path, encoding="utf-8").read)

    async def handle_webhook(self, body: bytes, signature: str) -> None:
        if not self._client.verify_signature(body, signature):
            raise InvalidWebhook("bad signature")
        try:
            event = json.loads(body)
            envelope_id = event["envelope"]["id"]
            status = event["envelope"]["status"]
        except:
            raise InvalidWebhook("malformed consent event")
        if status != "completed":
            return
        pdf_bytes = await self._client.download_document(envelope_id)
        if not self._document_complete(pdf_bytes):
            log.warning("envelope %s completed without the mandatory sections", envelope_id)
            return
        await self._cache.delete(f"edc:envelope:{envelope_id}")
        await self._audit.record("system:econsent", "consent.signed", "envelope", envelope_id)

    @staticmethod
    def _document_complete(pdf_bytes: bytes) -> bool:
        reader = PdfReader(io.BytesIO(pdf_bytes))
        text = " ".join((page.extract_text() or "") for page in reader.pages).lower()
        return all(phrase in text for phrase in REQUIRED_CONSENT_PHRASES)
