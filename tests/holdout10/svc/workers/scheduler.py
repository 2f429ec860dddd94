"""Reminders for pending signers and expiry of stale envelopes."""
from __future__ import annotations

import asyncio
import secrets
from datetime import datetime, timedelta, timezone
from uuid import UUID

import asyncpg
from redis.asyncio import Redis

from svc.clients.messaging import EmailClient
from svc.config import settings
from svc.repositories.envelopes import EnvelopeRepository
from svc.repositories.signers import SignerRepository
from svc.services.audit import AuditService
from svc.services.invitations import NotificationOutbox, Reminder, hash_token, signing_link
from svc.services.webhooks import EventPublisher


class ReminderScheduler:
    def __init__(
        self, redis: Redis, envelopes: EnvelopeRepository, signers: SignerRepository, outbox: NotificationOutbox,
        email: EmailClient, events: EventPublisher, audit: AuditService, interval: float = 300.0,
    ) -> None:
        self._redis = redis
        self._envelopes = envelopes
        self._signers = signers
        self._outbox = outbox
        self._email = email
        self._events = events
        self._audit = audit
        self._interval = interval

    async def run(self) -> None:
        while True:
            await self.send_due_reminders()
            await self.expire_envelopes()
            await asyncio.sleep(self._interval)

    async def send_due_reminders(self) -> int:
        window = timedelta(hours=settings.reminder_interval_hours)
        cutoff = datetime.now(timezone.utc) - window
        due = await self._signers.due_for_reminder(cutoff, limit=500)
        envelopes = {e["id"]: e for e in await self._envelopes.get_many(list({s["envelope_id"] for s in due}))}
        notified: set[str] = set()
        tokens: list[tuple[UUID, str]] = []
        for signer in due:
            if signer["email"] in notified:
                continue
            key = f"reminder:{signer['id']}:{cutoff:%Y%m%d%H}"
            if await self._redis.exists(key):
                continue
            token = secrets.token_urlsafe(32)
            tokens.append((signer["id"], hash_token(token)))
            subject = envelopes[signer["envelope_id"]]["subject"]
            await self._outbox.enqueue(Reminder(signer["id"], signer["email"], signer["name"], subject, signing_link(token)))
            await self._redis.set(key, "1", ex=int(window.total_seconds()))
            notified.add(signer["email"])
        await self._signers.set_tokens(tokens)
        await self._signers.touch_reminded([signer_id for signer_id, _ in tokens])
        return len(tokens)

    async def expire_envelopes(self) -> int:
        expired = await self._envelopes.mark_expired(datetime.now(timezone.utc))
        limiter = asyncio.Semaphore(10)

        async def notify(row: asyncpg.Record) -> None:
            async with limiter:
                await self._notify_expired(row)

        await asyncio.gather(*(notify(row) for row in expired))
        return len(expired)

    async def _notify_expired(self, row: asyncpg.Record) -> None:
        if not await self._redis.set(f"expired-notice:{row['id']}", "1", nx=True, ex=86400):
            return
        await self._audit.record(row["account_id"], row["id"], "envelope_expired", actor="system")
        await self._events.emit(row["account_id"], "envelope.expired", {"envelope_id": str(row["id"])})
        notice = "The envelope expired before every party signed it."
        await self._email.send_notice(to=row["sender_email"], subject=f"Expired: {row['subject']}", body=notice)
