"""Signing ceremony: link resolution, one-time codes, view, sign and decline."""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING
from uuid import UUID

from redis.asyncio import Redis

from svc import errors
from svc.clients.http import GeoIpClient
from svc.clients.messaging import SmsClient
from svc.config import settings
from svc.db.session import Database
from svc.repositories.envelopes import EnvelopeRepository
from svc.repositories.signers import SignerRepository
from svc.services.audit import AuditService
from svc.services.documents import DocumentService
from svc.services.invitations import hash_token
from svc.services.webhooks import EventPublisher

if TYPE_CHECKING:
    from svc.realtime.hub import ConnectionHub, DashboardFeed

logger = logging.getLogger(__name__)

_OTP_ROUNDS = 310_000


@dataclass(frozen=True, slots=True)
class SignerContext:
    signer_id: UUID
    envelope_id: UUID
    account_id: UUID
    email: str
    name: str
    phone: str | None
    status: str
    otp_salt: bytes | None
    otp_hash: bytes | None


class SigningService:
    def __init__(
        self, database: Database, redis: Redis, signers: SignerRepository, envelopes: EnvelopeRepository, audit: AuditService,
        documents: DocumentService, events: EventPublisher, geoip: GeoIpClient, sms: SmsClient,
        hub: ConnectionHub, dashboard: DashboardFeed,
    ) -> None:
        self._db = database
        self._redis = redis
        self._signers = signers
        self._envelopes = envelopes
        self._audit = audit
        self._documents = documents
        self._events = events
        self._geoip = geoip
        self._sms = sms
        self._hub = hub
        self._dashboard = dashboard
        self._background: set[asyncio.Task[None]] = set()

    async def resolve_token(self, token: str) -> SignerContext | None:
        token_hash = hash_token(token)
        row = await self._signers.get_by_token_hash(token_hash)
        if row is None or row["envelope_status"] != "sent":
            return None
        return SignerContext(
            row["id"], row["envelope_id"], row["account_id"], row["email"], row["name"], row["phone"], row["status"], row["otp_salt"], row["otp_hash"]
        )

    async def start_ceremony(self, ctx: SignerContext, client_ip: str) -> str:
        session_id = secrets.token_urlsafe(24)
        state = {"signer_id": str(ctx.signer_id), "envelope_id": str(ctx.envelope_id), "ip": client_ip}
        await self._redis.set(f"ceremony:{session_id}", json.dumps(state), ex=1800)
        async with self._db.connection() as conn:
            await conn.execute("UPDATE signers SET status = 'viewed', viewed_at = now() WHERE id = $1 AND status = 'sent'", ctx.signer_id)
        self._audit.record(ctx.account_id, ctx.envelope_id, "document_viewed", actor=ctx.email, ip=client_ip)
        return session_id

    async def send_otp(self, ctx: SignerContext) -> None:
        if not ctx.phone:
            raise errors.ValidationFailed("no phone number on file for this signer")
        code = f"{secrets.randbelow(1_000_000):06d}"
        salt = secrets.token_bytes(16)
        digest = await asyncio.to_thread(hashlib.pbkdf2_hmac, "sha256", code.encode(), salt, _OTP_ROUNDS)
        expires_at = datetime.now(timezone.utc) + timedelta(minutes=10)
        async with self._db.connection() as conn:
            await conn.execute("UPDATE signers SET otp_salt = $2, otp_hash = $3, otp_expires_at = $4 WHERE id = $1", ctx.signer_id, salt, digest, expires_at)
        await self._sms.send(ctx.phone, f"Your signing code is {code}. It expires in 10 minutes.")

    async def verify_otp(self, ctx: SignerContext, code: str) -> None:
        key = f"otp:attempts:{ctx.signer_id}"
        attempts = await self._redis.incr(key)
        if attempts == 1:
            await self._redis.expire(key, 900)
        if attempts > settings.otp_max_attempts:
            raise errors.AuthError("too many attempts, request a new code later")
        if ctx.otp_salt is None or ctx.otp_hash is None:
            raise errors.AuthError("no code was requested")
        digest = hashlib.pbkdf2_hmac("sha256", code.encode(), ctx.otp_salt, _OTP_ROUNDS)
        if not hmac.compare_digest(digest, ctx.otp_hash):
            raise errors.AuthError("invalid code")

    async def sign(self, ctx: SignerContext, session_id: str, signature_png: bytes, client_ip: str) -> None:
        if await self._redis.get(f"ceremony:{session_id}") is None:
            raise errors.AuthError("the signing session has expired")
        location = await self._geoip.lookup(client_ip)
        async with self._db.connection() as conn:
            current = await conn.fetchval("SELECT status FROM signers WHERE id = $1", ctx.signer_id)
            if current == "signed":
                raise errors.ConflictError("this document was already signed")
            await conn.execute("UPDATE signers SET status = 'signed', signed_at = now() WHERE id = $1", ctx.signer_id)
        evidence = {"signature_sha256": hashlib.sha256(signature_png).hexdigest()}
        await self._audit.record(ctx.account_id, ctx.envelope_id, "signed", actor=ctx.email, ip=client_ip, location=location, data=evidence)
        asyncio.create_task(self._events.emit(ctx.account_id, "signer.completed", {"envelope_id": str(ctx.envelope_id), "signer_id": str(ctx.signer_id)}))
        await self._hub.publish(ctx.envelope_id, {"signer_id": str(ctx.signer_id), "status": "signed"})
        await self._complete_if_done(ctx)

    async def _complete_if_done(self, ctx: SignerContext) -> None:
        completed = await self._envelopes.complete_if_all_signed(ctx.envelope_id)
        if completed is None:
            return
        task = asyncio.create_task(self._finalize(ctx.account_id, ctx.envelope_id))
        self._background.add(task)
        task.add_done_callback(self._background.discard)
        await self._dashboard.publish(ctx.account_id, {"envelope_id": str(ctx.envelope_id), "status": "completed"})

    async def _finalize(self, account_id: UUID, envelope_id: UUID) -> None:
        try:
            for key in await self._envelopes.document_keys(envelope_id):
                await self._documents.seal(key)
            await self._events.emit(account_id, "envelope.completed", {"envelope_id": str(envelope_id)})
        except Exception:
            logger.exception("finalising envelope %s failed", envelope_id)
