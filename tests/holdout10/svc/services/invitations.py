"""Signer invitations and the outbound reminder queue."""
from __future__ import annotations

import asyncio
import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from uuid import UUID

from svc import errors
from svc.clients.messaging import EmailClient, SmsClient
from svc.config import settings
from svc.repositories.envelopes import EnvelopeRepository
from svc.repositories.signers import SignerRepository
from svc.services.audit import AuditService


def signing_link(token: str) -> str:
    return f"{settings.signing_base_url}/s/{token}"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class Reminder:
    signer_id: UUID
    email: str
    name: str
    subject: str
    link: str


class NotificationOutbox:
    """Decouples reminder fan-out from the scheduler tick."""

    def __init__(self, email: EmailClient) -> None:
        self._email = email
        self._queue: asyncio.Queue[Reminder] = asyncio.Queue()

    async def enqueue(self, reminder: Reminder) -> None:
        await self._queue.put(reminder)

    async def run(self) -> None:
        while True:
            reminder = await self._queue.get()
            try:
                await self._email.send_reminder(to=reminder.email, signer_name=reminder.name, subject=reminder.subject, link=reminder.link)
            except Exception:
                continue
            finally:
                self._queue.task_done()


class InvitationService:
    def __init__(self, envelopes: EnvelopeRepository, signers: SignerRepository, email: EmailClient, sms: SmsClient, audit: AuditService) -> None:
        self._envelopes = envelopes
        self._signers = signers
        self._email = email
        self._sms = sms
        self._audit = audit

    async def send_envelope(self, account_id: UUID, envelope_id: UUID) -> int:
        signers = await self._signers.list_for_envelope(envelope_id)
        if not signers:
            raise errors.ValidationFailed("an envelope needs at least one signer")
        expires_at = datetime.now(timezone.utc) + timedelta(days=settings.envelope_ttl_days)
        envelope = await self._envelopes.mark_sent(account_id, envelope_id, expires_at)
        if envelope is None:
            raise errors.EnvelopeLockedError("only drafts can be sent")

        first = min(s["routing_order"] for s in signers)
        batch = [s for s in signers if s["routing_order"] == first]
        tokens = {s["id"]: secrets.token_urlsafe(32) for s in batch}
        await self._signers.set_tokens([(signer_id, hash_token(token)) for signer_id, token in tokens.items()])

        for s in batch:
            link = signing_link(tokens[s["id"]])
            if s["delivery"] == "sms" and s["phone"]:
                await self._sms.send(s["phone"], f"{envelope['subject']}: please review and sign {link}")
            else:
                await self._email.send_invitation(to=s["email"], name=s["name"], subject=envelope["subject"], link=link, message=envelope["message"])
        await self._audit.record(account_id, envelope_id, "envelope_sent", actor="system", data={"recipients": len(batch)})
        return len(batch)
