"""Electronic informed consent: envelopes, participant PINs, status reconciliation."""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import os
import time
from collections import defaultdict, deque

from svc.clients.econsent import EConsentClient
from svc.config import Settings
from svc.db.pool import Database
from svc.errors import ConsentMissing, NotFound, TooManyAttempts
from svc.repositories.audit import AuditRepository
from svc.repositories.participants import ParticipantRepository

log = logging.getLogger(__name__)

PIN_WINDOW_SECONDS = 900
PIN_MAX_ATTEMPTS = 5

_pin_attempts: defaultdict[int, deque[float]] = defaultdict(deque)


class ConsentService:
    def __init__(
        self,
        settings: Settings,
        db: Database,
        client: EConsentClient,
        participants: ParticipantRepository,
        audit: AuditRepository,
    ) -> None:
        self._settings = settings
        self._db = db
        self._client = client
        self._participants = participants
        self._audit = audit
        self._envelope_lock = asyncio.Lock()

    async def send_envelope(self, participant_id: int, email: str, template_id: str, actor_id: str) -> str:
        async with self._envelope_lock:
            async with self._db.connection() as conn:
                participant = await self._participants.get_by_id(conn, participant_id)
                if participant is None:
                    raise NotFound(f"participant {participant_id} not found")
                if participant.consent_envelope_id:
                    return participant.consent_envelope_id
                envelope_id = await self._client.create_envelope(participant.screening_number, template_id, email)
                await conn.execute("UPDATE participants SET consent_envelope_id = $2 WHERE id = $1", participant_id, envelope_id)
                await self._audit.record(conn, "participant", participant_id, "consent.sent", actor_id, after={"envelope": envelope_id})
        return envelope_id

    async def require_signed(self, participant_id: int) -> None:
        async with self._db.connection() as conn:
            participant = await self._participants.get(conn, participant_id)
        if participant is None or participant.consent_envelope_id is None:
            raise ConsentMissing("no consent envelope for participant")
        status = await self._client.get_status(participant.consent_envelope_id)
        if not status.signed:
            raise ConsentMissing(f"consent is {status.state}")

    async def set_pin(self, participant_id: int, pin: str) -> None:
        salt = os.urandom(16)
        digest = await asyncio.to_thread(hashlib.pbkdf2_hmac, "sha256", pin.encode(), salt, self._settings.consent_pin_iterations)
        async with self._db.connection() as conn:
            await conn.execute(
                "INSERT INTO consent_pins (participant_id, pin_hash, pin_salt) VALUES ($1, $2, $3)"
                " ON CONFLICT (participant_id) DO UPDATE SET pin_hash = EXCLUDED.pin_hash, pin_salt = EXCLUDED.pin_salt, updated_at = now()",
                participant_id, digest, salt,
            )

    async def verify_pin(self, participant_id: int, pin: str) -> bool:
        now = time.monotonic()
        attempts = _pin_attempts[participant_id]
        while attempts and now - attempts[0] > PIN_WINDOW_SECONDS:
            attempts.popleft()
        if len(attempts) >= PIN_MAX_ATTEMPTS:
            raise TooManyAttempts("too many PIN attempts, try again later")
        attempts.append(now)
        async with self._db.connection() as conn:
            row = await conn.fetchrow("SELECT pin_hash, pin_salt FROM consent_pins WHERE participant_id = $1", participant_id)
        if row is None:
            return False
        candidate = hashlib.pbkdf2_hmac("sha256", pin.encode(), row["pin_salt"], self._settings.consent_pin_iterations)
        return hmac.compare_digest(candidate, row["pin_hash"])

    async def reconcile_study(self, study_id: int) -> dict[int, int]:
        async with self._db.connection() as conn:
            site_ids = [r["id"] for r in await conn.fetch("SELECT id FROM sites WHERE study_id = $1 AND active", study_id)]
        results = await asyncio.gather(*(self.reconcile_site(site_id) for site_id in site_ids))
        return dict(zip(site_ids, results, strict=True))

    async def reconcile_site(self, site_id: int) -> int:
        async with self._db.connection() as conn:
            pending = await self._participants.pending_consent(conn, site_id)
        if not pending:
            return 0
        statuses = await self._client.get_statuses([p.consent_envelope_id for p in pending if p.consent_envelope_id])
        signed = [(p.id,) for p in pending if (st := statuses.get(p.consent_envelope_id or "")) is not None and st.signed]
        async with self._db.transaction() as conn:
            await conn.executemany("UPDATE participants SET status = 'consented' WHERE id = $1 AND status = 'screening'", signed)
        log.info("site %s: %d of %d pending consents now signed", site_id, len(signed), len(pending))
        return len(signed)
